using Dialogue.Tests.Features.Accounts;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Privacy;

public sealed class SessionsTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    private const string FirefoxOnWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
    private const string SafariOnIphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

    /// <summary>Past the one-minute security-stamp check, when a session's row is consulted.</summary>
    private static readonly TimeSpan PastTheCheck = TimeSpan.FromMinutes(2);

    private async Task<HttpClient> SignedInAsync(string email, string userAgent)
    {
        var client = factory.CreateBrowser();
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        await TestSignIn.SignInAsync(client, email);
        Assert.True(await client.IsSignedInAsync());
        return client;
    }

    [Fact]
    public async Task Member_sees_each_signed_in_browser_and_signs_one_out()
    {
        var member = await factory.CreateMemberAsync();
        var laptop = await SignedInAsync(member.Email!, FirefoxOnWindows);
        var phone = await SignedInAsync(member.Email!, SafariOnIphone);

        var page = await laptop.GetPageAsync("/Accounts/Sessions");
        var sessions = page.QuerySelectorAll(".session").Select(s => s.TextContent).ToList();
        Assert.Equal(2, sessions.Count);
        Assert.Contains(sessions, s => s.Contains("Firefox on Windows", StringComparison.Ordinal) && s.Contains("This browser", StringComparison.Ordinal));
        Assert.Contains(sessions, s => s.Contains("Safari on iPhone", StringComparison.Ordinal) && !s.Contains("This browser", StringComparison.Ordinal));

        await laptop.SubmitAsync(page, "/Accounts/Sessions", new Dictionary<string, string>(), ".session:not(.this-session) form");
        factory.Clock.Advance(PastTheCheck);

        Assert.False(await phone.IsSignedInAsync());
        Assert.True(await laptop.IsSignedInAsync());
        var left = (await laptop.GetPageAsync("/Accounts/Sessions")).QuerySelectorAll(".session");
        Assert.Contains("Firefox on Windows", Assert.Single(left).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_all_others_keeps_only_this_browser()
    {
        var member = await factory.CreateMemberAsync();
        var laptop = await SignedInAsync(member.Email!, FirefoxOnWindows);
        var phone = await SignedInAsync(member.Email!, SafariOnIphone);
        var tablet = await SignedInAsync(member.Email!, SafariOnIphone.Replace("iPhone", "iPad", StringComparison.Ordinal));

        var response = await laptop.SubmitAsync("/Accounts/Sessions", new Dictionary<string, string>(), "form[action*='handler=EndOthers']");
        Assert.Contains("Other sessions signed out: 2.", await response.TextAsync(), StringComparison.Ordinal);
        factory.Clock.Advance(PastTheCheck);

        Assert.False(await phone.IsSignedInAsync());
        Assert.False(await tablet.IsSignedInAsync());
        Assert.True(await laptop.IsSignedInAsync());
    }

    [Fact]
    public async Task Changing_the_password_signs_out_all_other_sessions()
    {
        var member = await factory.CreateMemberAsync();
        var laptop = await SignedInAsync(member.Email!, FirefoxOnWindows);
        var phone = await SignedInAsync(member.Email!, SafariOnIphone);

        await laptop.SubmitAsync("/Accounts/ChangePassword", new Dictionary<string, string>
        {
            ["Data.CurrentPassword"] = DialogueFactory.Password,
            ["Data.NewPassword"] = AccountFlows.NewPassword,
            ["Data.ConfirmPassword"] = AccountFlows.NewPassword,
        });
        factory.Clock.Advance(PastTheCheck);

        Assert.False(await phone.IsSignedInAsync());
        Assert.True(await laptop.IsSignedInAsync());
        Assert.Single((await laptop.GetPageAsync("/Accounts/Sessions")).QuerySelectorAll(".session"));
    }

    [Fact]
    public async Task Changing_the_email_address_signs_out_all_other_sessions()
    {
        var member = await factory.CreateMemberAsync();
        var laptop = await SignedInAsync(member.Email!, FirefoxOnWindows);
        var phone = await SignedInAsync(member.Email!, SafariOnIphone);
        var newEmail = AccountFlows.NewEmail("moved");

        await laptop.SubmitAsync("/Accounts/ChangeEmail", new Dictionary<string, string> { ["Data.NewEmail"] = newEmail });
        var confirmed = await laptop.FollowEmailLinkAsync(factory, newEmail, "/Accounts/ConfirmEmailChange");
        Assert.Contains($"Your email address is now {newEmail}.", await confirmed.TextAsync(), StringComparison.Ordinal);
        factory.Clock.Advance(PastTheCheck);

        Assert.False(await phone.IsSignedInAsync());
        Assert.True(await laptop.IsSignedInAsync());
        Assert.Single((await laptop.GetPageAsync("/Accounts/Sessions")).QuerySelectorAll(".session"));
    }

    [Fact]
    public async Task Turning_on_two_factor_signs_out_all_other_sessions()
    {
        var member = await factory.CreateMemberAsync();
        var laptop = await SignedInAsync(member.Email!, FirefoxOnWindows);
        var phone = await SignedInAsync(member.Email!, SafariOnIphone);

        await laptop.EnrolAuthenticatorAsync();
        factory.Clock.Advance(PastTheCheck);

        Assert.False(await phone.IsSignedInAsync());
        Assert.True(await laptop.IsSignedInAsync());
        Assert.Single((await laptop.GetPageAsync("/Accounts/Sessions")).QuerySelectorAll(".session"));
    }

    [Fact]
    public async Task Last_seen_is_written_only_when_the_stamp_check_runs_and_at_most_every_five_minutes()
    {
        var member = await factory.CreateMemberAsync();
        var laptop = await SignedInAsync(member.Email!, FirefoxOnWindows);
        var signedInAt = factory.Clock.GetUtcNow();

        async Task<DateTimeOffset> LastSeenAsync() =>
            await factory.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == member.Id).Select(s => s.LastSeenAt).SingleAsync());

        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await laptop.IsSignedInAsync());
        Assert.Equal(signedInAt, await LastSeenAsync());

        factory.Clock.Advance(TimeSpan.FromMinutes(4));
        var checkedAt = factory.Clock.GetUtcNow();
        Assert.True(await laptop.IsSignedInAsync());
        Assert.True(await laptop.IsSignedInAsync());
        Assert.Equal(checkedAt, await LastSeenAsync());
    }

    [Fact]
    public async Task A_cookie_issued_without_a_session_is_adopted_at_its_first_check_and_can_then_be_signed_out()
    {
        var member = await factory.CreateMemberAsync();
        var old = await factory.CreateSignedInBrowserAsync(member);
        var laptop = await SignedInAsync(member.Email!, FirefoxOnWindows);

        factory.Clock.Advance(PastTheCheck);
        Assert.True(await old.IsSignedInAsync());
        var page = await laptop.GetPageAsync("/Accounts/Sessions");
        Assert.Equal(2, page.QuerySelectorAll(".session").Length);

        await laptop.SubmitAsync(page, "/Accounts/Sessions", new Dictionary<string, string>(), "form[action*='handler=EndOthers']");
        factory.Clock.Advance(PastTheCheck);
        Assert.False(await old.IsSignedInAsync());
    }

    [Fact]
    public async Task Ending_a_session_as_another_member_answers_404_and_ends_nothing()
    {
        var owner = await factory.CreateMemberAsync();
        var intruder = await factory.CreateMemberAsync();
        var ownerBrowser = await SignedInAsync(owner.Email!, FirefoxOnWindows);
        var intruderBrowser = await SignedInAsync(intruder.Email!, SafariOnIphone);
        var ownerSession = await factory.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == owner.Id).Select(s => s.Id).SingleAsync());

        var page = await intruderBrowser.GetPageAsync("/Accounts/Sessions");
        var token = page.QuerySelector("main input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        async Task<System.Net.HttpStatusCode> EndAsync(string memberId) => (await intruderBrowser.PostAsync("/Accounts/Sessions?handler=End",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["memberId"] = memberId, ["sessionId"] = ownerSession }))).StatusCode;

        Assert.Equal(System.Net.HttpStatusCode.NotFound, await EndAsync(owner.Id));
        // Naming their own account with the other member's session id is scoped to their own sessions: nothing ends.
        Assert.Equal(System.Net.HttpStatusCode.OK, await EndAsync(intruder.Id));

        factory.Clock.Advance(PastTheCheck);
        Assert.True(await ownerBrowser.IsSignedInAsync());
    }

    [Theory]
    [InlineData(FirefoxOnWindows, "Firefox on Windows")]
    [InlineData(SafariOnIphone, "Safari on iPhone")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome on Linux")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge on Windows")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", "Chrome on Android")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", "Safari on macOS")]
    [InlineData("", SessionsDevice.Unknown)]
    [InlineData("something odd", SessionsDevice.Unknown)]
    public void Device_is_a_short_readable_name(string userAgent, string expected) =>
        Assert.Equal(expected, SessionsDevice.Describe(userAgent));
}
