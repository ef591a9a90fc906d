using System.Net;
using Dialogue.Data.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dialogue.Tests.Infrastructure;

/// <summary>Signs a browser in without the sign-in page, with a real Identity cookie built by the app's own services.</summary>
public static class TestSignIn
{
    public static async Task<HttpClient> CreateSignedInBrowserAsync(this DialogueFactory factory, DialogueUser user)
    {
        var cookie = await factory.WithScopeAsync(async sp =>
        {
            var signIn = sp.GetRequiredService<SignInManager<DialogueUser>>();
            var users = sp.GetRequiredService<UserManager<DialogueUser>>();
            var fresh = await users.FindByIdAsync(user.Id) ?? user;
            var principal = await signIn.CreateUserPrincipalAsync(fresh);
            var now = factory.Clock.GetUtcNow();
            var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddDays(14) };
            var ticket = new AuthenticationTicket(principal, properties, IdentityConstants.ApplicationScheme);
            var options = sp.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
            return options.TicketDataFormat.Protect(ticket);
        });
        var baseAddress = new Uri("http://localhost");
        var cookies = new CookieContainer();
        cookies.Add(baseAddress, new Cookie("dialogue.auth", cookie));
        // The same handlers CreateBrowser uses (follow redirects, keep cookies), with the cookie jar pre-filled.
        return factory.CreateDefaultClient(baseAddress, new RedirectHandler(), new CookieContainerHandler(cookies));
    }
}
