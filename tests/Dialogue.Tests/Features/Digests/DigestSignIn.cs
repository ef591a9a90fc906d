using Dialogue.Data.Accounts;
using Dialogue.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dialogue.Tests.Features.Digests;

public static class DigestSignIn
{
    /// <summary>The app's own Identity cookie for <paramref name="user"/>, as signing in would set it (also for a real browser).</summary>
    public static Task<(string Name, string Value)> AuthCookieAsync(this DialogueFactory factory, DialogueUser user) =>
        factory.WithScopeAsync(async sp =>
        {
            var signIn = sp.GetRequiredService<SignInManager<DialogueUser>>();
            var users = sp.GetRequiredService<UserManager<DialogueUser>>();
            var current = await users.FindByIdAsync(user.Id) ?? throw new InvalidOperationException($"No user {user.Id}.");
            var principal = await signIn.CreateUserPrincipalAsync(current);
            var options = sp.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
            var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
            var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + options.ExpireTimeSpan },
                IdentityConstants.ApplicationScheme);
            return (options.Cookie.Name!, options.TicketDataFormat.Protect(ticket));
        });
}
