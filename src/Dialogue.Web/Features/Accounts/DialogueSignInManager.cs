using Dialogue.Data.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Accounts;

/// <summary>
/// Identity's sign-in rules plus the account status: a suspended member cannot sign in, and the security-stamp
/// check that runs on every cookie each minute also rejects them, so an existing session ends within a minute
/// of a suspension even if the stamp was not changed.
/// </summary>
public sealed class DialogueSignInManager(
    UserManager<DialogueUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<DialogueUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<DialogueUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<DialogueUser> confirmation,
    TimeProvider clock)
    : SignInManager<DialogueUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(DialogueUser user) =>
        !Suspension.IsInForce(user, clock.GetUtcNow()) && await base.CanSignInAsync(user);

    public override async Task<bool> ValidateSecurityStampAsync(DialogueUser? user, string? securityStamp) =>
        user is not null && !Suspension.IsInForce(user, clock.GetUtcNow()) && await base.ValidateSecurityStampAsync(user, securityStamp);
}
