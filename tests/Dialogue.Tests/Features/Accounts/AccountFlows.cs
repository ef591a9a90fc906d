using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Dialogue.Tests.Infrastructure;

namespace Dialogue.Tests.Features.Accounts;

/// <summary>What a visitor does on the account pages, by posting the real forms.</summary>
public static class AccountFlows
{
    public const string NewPassword = "brand-new-secret-77";

    public static string NewEmail(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}@test.dialogue";

    public static Task<HttpResponseMessage> RegisterAsync(
        this HttpClient client, string email, string url = "/Accounts/Register", string timeZone = "Europe/Berlin", string name = "New Member") =>
        client.SubmitAsync(url, new Dictionary<string, string>
        {
            ["Data.DisplayName"] = name,
            ["Data.Email"] = email,
            ["Data.Password"] = DialogueFactory.Password,
            ["Data.ConfirmPassword"] = DialogueFactory.Password,
            ["Data.TimeZone"] = timeZone,
            ["Data.Accept"] = "true",
        });

    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password = DialogueFactory.Password) =>
        client.SubmitAsync("/Accounts/SignIn", new Dictionary<string, string>
        {
            ["Data.Email"] = email,
            ["Data.Password"] = password,
        }, "form.sign-in");

    public static Task<HttpResponseMessage> SignOutAsync(this HttpClient client) =>
        client.SubmitAsync("/Accounts/SignOut", new Dictionary<string, string>());

    /// <summary>Follows the link in the newest email containing <paramref name="pathPart"/> and presses the page's button.</summary>
    public static async Task<HttpResponseMessage> FollowEmailLinkAsync(this HttpClient client, DialogueFactory factory, string address, string pathPart)
    {
        var link = await factory.LinkInLatestEmailAsync(address, pathPart);
        Assert.StartsWith("http://localhost/", link, StringComparison.Ordinal);
        return await client.SubmitAsync(Links.PathOf(link), new Dictionary<string, string>());
    }

    public static async Task<bool> IsSignedInAsync(this HttpClient client)
    {
        var response = await client.GetAsync("/Accounts/Profile");
        return response.StatusCode == HttpStatusCode.OK && response.RequestMessage!.RequestUri!.AbsolutePath == "/Accounts/Profile";
    }

    /// <summary>The path a followed response ended on, or the redirect target of an unfollowed one.</summary>
    public static string Landing(this HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found
            ? new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!).AbsolutePath
            : response.RequestMessage!.RequestUri!.AbsolutePath;

    public static async Task<string> TextAsync(this HttpResponseMessage response) =>
        (await response.ReadPageAsync()).QuerySelector("main")?.TextContent ?? "";

    /// <summary>Sets up the authenticator from the key shown on the page, the way a phone would.</summary>
    /// <returns>The shared key and the recovery codes shown once.</returns>
    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolAuthenticatorAsync(this HttpClient client)
    {
        var page = await client.GetPageAsync("/Accounts/EnableAuthenticator");
        var key = page.QuerySelector(".shared-key")!.TextContent;
        var image = page.QuerySelector<IHtmlImageElement>(".qr img")!;
        Assert.StartsWith("data:image/png;base64,", image.Source, StringComparison.Ordinal);
        var response = await client.SubmitAsync(page, "/Accounts/EnableAuthenticator", new Dictionary<string, string> { ["Data.Code"] = Totp.Now(key) });
        Assert.Equal("/Accounts/RecoveryCodes", response.Landing());
        var codes = (await response.ReadPageAsync()).QuerySelectorAll(".recovery-codes li").Select(li => li.TextContent.Trim()).ToList();
        return (key, codes);
    }
}
