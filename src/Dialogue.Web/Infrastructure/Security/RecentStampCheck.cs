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
/// resolves the full one only when a check is due. A cookie younger than the interval is not checked at all (Identity's
/// own rule), so it is let through here too, before anything is built.
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
        var clock = options.Value.TimeProvider ?? TimeProvider.System;
        if (CachedSecurityStampValidator.TooYoungToCheck(context.Properties.IssuedUtc, clock, options.Value.ValidationInterval))
        {
            return Task.CompletedTask;
        }
        if (context.Principal is { } principal
            && CachedSecurityStampValidator.Key(principal, identity.Value, scope(principal)) is { } key
            && CachedSecurityStampValidator.RecentlyVerified(cache, key, clock, options.Value.ValidationInterval))
        {
            return Task.CompletedTask;
        }
        return context.HttpContext.RequestServices.GetRequiredService<TValidator>().ValidateAsync(context);
    }
}
