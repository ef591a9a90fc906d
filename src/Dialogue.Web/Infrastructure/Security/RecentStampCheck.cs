using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Infrastructure.Security;

/// <summary>
/// The cookie handler resolves the stamp validator on every signed-in request, and the full one
/// (<typeparamref name="TValidator"/>) needs a SignInManager: a user manager, its store and a DbContext built for nothing
/// when the cookie's stamp was verified moments ago. This answers from the same memory the full validator writes, and
/// resolves the full one only when a check is due.
/// </summary>
public sealed class RecentStampCheck<TValidator>(
    IOptions<SecurityStampValidatorOptions> options,
    IOptions<IdentityOptions> identity,
    IMemoryCache cache,
    Func<ClaimsPrincipal, string?> scope) : ISecurityStampValidator
    where TValidator : CachedSecurityStampValidator
{
    public Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is { } principal
            && CachedSecurityStampValidator.Key(principal, identity.Value, scope(principal)) is { } key
            && CachedSecurityStampValidator.RecentlyVerified(cache, key, options.Value.TimeProvider ?? TimeProvider.System, options.Value.ValidationInterval))
        {
            return Task.CompletedTask;
        }
        return context.HttpContext.RequestServices.GetRequiredService<TValidator>().ValidateAsync(context);
    }
}
