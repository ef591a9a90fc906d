using System.Security.Claims;
using Dialogue.Data.Accounts;
using Dialogue.Web.Features.Privacy;
using Dialogue.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Accounts;

/// <summary>
/// Identity's sign-in rules plus the account status: a suspended member cannot sign in, and the security-stamp
/// check that runs on every cookie each minute also rejects them, so an existing session ends within a minute
/// of a suspension even if the stamp was not changed. Every cookie it issues names a server-side session
/// (Privacy/SessionsStore), which a member can list and sign out.
/// </summary>
public sealed class DialogueSignInManager(
    UserManager<DialogueUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<DialogueUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<DialogueUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<DialogueUser> confirmation,
    TimeProvider clock,
    SessionsStore sessions)
    : SignInManager<DialogueUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(DialogueUser user) =>
        !Suspension.IsInForce(user, clock.GetUtcNow()) && await base.CanSignInAsync(user);

    public override async Task<bool> ValidateSecurityStampAsync(DialogueUser? user, string? securityStamp) =>
        user is not null && !Suspension.IsInForce(user, clock.GetUtcNow()) && await base.ValidateSecurityStampAsync(user, securityStamp);

    public override async Task SignInWithClaimsAsync(DialogueUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        // A refresh keeps the browser's session; a stamp change since it was recorded ends all the account's other sessions.
        var current = Context.User.UserId() == user.Id ? SessionsStore.IdOf(Context.User) : null;
        var sessionId = await sessions.SignedInAsync(user, current, Context.Request.Headers.UserAgent.ToString(), Context.RequestAborted);
        await base.SignInWithClaimsAsync(user, authenticationProperties, [.. additionalClaims, new Claim(SessionsStore.Claim, sessionId)]);
    }

    public override async Task SignOutAsync()
    {
        if (Context.User.UserId() is { } userId && SessionsStore.IdOf(Context.User) is { } sessionId)
        {
            await sessions.EndAsync(userId, sessionId, Context.RequestAborted);
        }
        await base.SignOutAsync();
    }
}
