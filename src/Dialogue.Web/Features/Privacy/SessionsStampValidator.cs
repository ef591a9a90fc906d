using System.Security.Claims;
using Dialogue.Data.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Privacy;

/// <summary>
/// Identity's security-stamp check, which already runs once per <c>ValidationInterval</c> per cookie, extended with the
/// session row: a signed-out session is refused at that same moment, and nothing is added to requests in between.
/// A cookie issued before sessions were recorded is adopted (given a row) at its first check, so it can be listed and
/// signed out like any other.
/// </summary>
public sealed class SessionsStampValidator(
    IOptions<SecurityStampValidatorOptions> options,
    SignInManager<DialogueUser> signInManager,
    ILoggerFactory logger,
    SessionsStore sessions,
    IHttpContextAccessor http)
    : SecurityStampValidator<DialogueUser>(options, signInManager, logger)
{
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
