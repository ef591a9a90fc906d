using System.Net;
using Dialogue.Data.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dialogue.Tests.Infrastructure;

/// <summary>
/// Signs a user in without the sign-in page: builds the principal exactly as Identity does at sign-in
/// (claims factory, security stamp, roles) and protects it with the app's own Identity cookie format, so
/// the app's cookie handler and security-stamp validator treat the client like any signed-in browser.
/// </summary>
public static class TestSignIn
{
    /// <param name="keepFirstCookie">Send the first cookie on every request and ignore renewals, as a script or a load generator does.</param>
    public static async Task<HttpClient> CreateSignedInBrowserAsync(this DialogueFactory factory, DialogueUser user, bool followRedirects = true, bool keepFirstCookie = false)
    {
        var (cookieName, cookieValue) = await factory.WithScopeAsync(async sp =>
        {
            var signIn = sp.GetRequiredService<SignInManager<DialogueUser>>();
            var users = sp.GetRequiredService<UserManager<DialogueUser>>();
            var current = await users.FindByIdAsync(user.Id) ?? throw new InvalidOperationException($"No user {user.Id}.");
            var principal = await signIn.CreateUserPrincipalAsync(current);

            var options = sp.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
            var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
            var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + options.ExpireTimeSpan };
            var ticket = new AuthenticationTicket(principal, properties, IdentityConstants.ApplicationScheme);
            return (options.Cookie.Name!, options.TicketDataFormat.Protect(ticket));
        });

        var baseAddress = new Uri("http://localhost");
        if (keepFirstCookie)
        {
            var fixedClient = factory.CreateDefaultClient(baseAddress, followRedirects ? [new RedirectHandler()] : []);
            fixedClient.DefaultRequestHeaders.Add("Cookie", $"{cookieName}={cookieValue}");
            return fixedClient;
        }
        var cookies = new CookieContainer();
        cookies.Add(baseAddress, new Cookie(cookieName, cookieValue, "/"));
        DelegatingHandler[] handlers = followRedirects
            ? [new RedirectHandler(), new CookieContainerHandler(cookies)]
            : [new CookieContainerHandler(cookies)];
        return factory.CreateDefaultClient(baseAddress, handlers);
    }

    /// <summary>Posts the real sign-in form; the response is the page's answer (a redirect when the client does not follow them).</summary>
    public static Task<HttpResponseMessage> PostSignInAsync(this HttpClient client, string email, string password = DialogueFactory.Password) =>
        client.SubmitAsync("/Accounts/SignIn", new Dictionary<string, string>
        {
            ["Data.Email"] = email,
            ["Data.Password"] = password,
        }, "form.sign-in");

    /// <summary>Signs in through the real sign-in page and asserts it worked.</summary>
    public static async Task SignInAsync(this HttpClient client, string email, string password = DialogueFactory.Password)
    {
        var response = await client.PostSignInAsync(email, password);
        var landed = response.Headers.Location?.OriginalString ?? response.RequestMessage!.RequestUri!.AbsolutePath;
        Assert.True(landed is "/" or "~/", $"Sign-in of {email} failed: {(int)response.StatusCode} {landed}");
    }
}
