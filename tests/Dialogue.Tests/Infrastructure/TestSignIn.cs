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
    public static async Task<HttpClient> CreateSignedInBrowserAsync(this DialogueFactory factory, DialogueUser user, bool followRedirects = true)
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
        var cookies = new CookieContainer();
        cookies.Add(baseAddress, new Cookie(cookieName, cookieValue, "/"));
        DelegatingHandler[] handlers = followRedirects
            ? [new RedirectHandler(), new CookieContainerHandler(cookies)]
            : [new CookieContainerHandler(cookies)];
        return factory.CreateDefaultClient(baseAddress, handlers);
    }
}
