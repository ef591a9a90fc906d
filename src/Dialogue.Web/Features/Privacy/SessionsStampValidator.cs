using System.Security.Claims;
using Dialogue.Data.Accounts;
using Dialogue.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Privacy;

/// <summary>
/// Identity's security-stamp check, at most once per <c>ValidationInterval</c> per session (<see cref="CachedSecurityStampValidator"/>), extended with the
/// session row: a signed-out session is refused at that same moment, and nothing is added to requests in between.
/// A cookie issued before sessions were recorded is adopted (given a row) at its first check, so it can be listed and
/// signed out like any other.
/// </summary>
public sealed class SessionsStampValidator(
    IOptions<SecurityStampValidatorOptions> options,
    SignInManager<DialogueUser> signInManager,
    ILoggerFactory logger,
    IOptions<IdentityOptions> identity,
    IMemoryCache cache,
    SessionsStore sessions,
    IHttpContextAccessor http)
    : CachedSecurityStampValidator(options, signInManager, logger, identity, cache)
{
    /// <summary>A check holds for one session: signing one out must not ride on another session's recent check.</summary>
    protected override string? CacheScope(ClaimsPrincipal principal) => SessionsStore.IdOf(principal);

    private string? sessionId;

    protected override async Task<DialogueUser?> VerifySecurityStamp(ClaimsPrincipal? principal)
    {
        var user = await base.VerifySecurityStamp(principal);
        if (user is null)
        {
            return null;
        }
        var ct = http.HttpContext?.RequestAborted ?? CancellationToken.None;
        if (SessionsStore.IdOf(principal) is { } id)
        {
            if (!await sessions.StillActiveAsync(id, user, ct))
            {
                return null;
            }
            sessionId = id;
        }
        else
        {
            sessionId = await sessions.SignedInAsync(user, null, http.HttpContext?.Request.Headers.UserAgent.ToString(), ct);
        }
        return user;
    }

    protected override async Task SecurityStampVerified(DialogueUser user, CookieValidatePrincipalContext context)
    {
        // The base rebuilds the principal from the account, which knows nothing of the session: carry it over.
        await base.SecurityStampVerified(user, context);
        if (sessionId is not null && context.Principal?.Identity is ClaimsIdentity identity)
        {
            identity.AddClaim(new Claim(SessionsStore.Claim, sessionId));
        }
    }
}
