using System.Security.Claims;
using Dialogue.Data.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Infrastructure.Security;

/// <summary>
/// Identity's security-stamp check, at most once per interval for a given member and stamp on this node. The stock
/// check runs on every request whose cookie is older than the interval and re-issues the cookie each time; a client
/// that keeps its first cookie (a feed reader, a script, a tab left open behind a proxy that drops Set-Cookie) then pays
/// several identity queries and a cookie encryption per request. The guarantee is unchanged: a changed stamp or a
/// suspension ends a session within one interval.
/// </summary>
public class CachedSecurityStampValidator(
    IOptions<SecurityStampValidatorOptions> options,
    SignInManager<DialogueUser> signInManager,
    ILoggerFactory logger,
    IOptions<IdentityOptions> identity,
    IMemoryCache cache) : SecurityStampValidator<DialogueUser>(options, signInManager, logger)
{
    public override async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var userId = principal?.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType);
        var stamp = principal?.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        if (userId is null || stamp is null)
        {
            await base.ValidateAsync(context);
            return;
        }
        var key = Key(principal!, identity.Value, CacheScope(principal!))!;
        // Judged by the app's clock, not the cache's own expiry, so the interval means the same as in the base.
        if (RecentlyVerified(cache, key, TimeProvider, Options.ValidationInterval))
        {
            return;
        }
        var issued = context.Properties.IssuedUtc;
        await base.ValidateAsync(context);
        // Remember only a check that actually ran and passed (the base skips young cookies and rejects bad ones).
        if (!TooYoungToCheck(issued, TimeProvider, Options.ValidationInterval) && context.Principal is not null)
        {
            cache.Set(key, TimeProvider.GetUtcNow(), Options.ValidationInterval);
        }
    }

    /// <summary>Identity's own rule: a cookie issued less than the interval ago is not checked at all.</summary>
    public static bool TooYoungToCheck(DateTimeOffset? issued, TimeProvider clock, TimeSpan interval) =>
        issued is { } at && clock.GetUtcNow() - at <= interval;

    /// <summary>Where a passed check is remembered: per member, stamp and scope; null without a member or stamp.</summary>
    public static object? Key(ClaimsPrincipal principal, IdentityOptions identity, string? scope) =>
        principal.FindFirstValue(identity.ClaimsIdentity.UserIdClaimType) is { } userId
        && principal.FindFirstValue(identity.ClaimsIdentity.SecurityStampClaimType) is { } stamp
            ? ("security-stamp-verified", userId, stamp, scope)
            : null;

    /// <summary>Whether a check that passed for this key is younger than the interval, by the app's clock.</summary>
    public static bool RecentlyVerified(IMemoryCache cache, object key, TimeProvider clock, TimeSpan interval) =>
        cache.TryGetValue(key, out DateTimeOffset verifiedAt) && clock.GetUtcNow() - verifiedAt < interval;

    /// <summary>What else a verified check holds for, beyond the member and stamp (a subclass's session, say).</summary>
    protected virtual string? CacheScope(ClaimsPrincipal principal) => null;
}
