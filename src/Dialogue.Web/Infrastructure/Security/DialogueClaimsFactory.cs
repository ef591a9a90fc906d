using System.Security.Claims;
using Dialogue.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Infrastructure.Security;

public sealed class DialogueClaimsFactory(
    UserManager<DialogueUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<DialogueUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(DialogueUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DialogueClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(DialogueClaims.TimeZone, user.TimeZoneId));
        identity.AddClaim(new Claim(DialogueClaims.Status, user.Status.ToString()));
        identity.AddClaim(new Claim(DialogueClaims.EmailConfirmed, user.EmailConfirmed ? bool.TrueString : bool.FalseString));
        if (user.UiCulture is { Length: > 0 } culture)
        {
            identity.AddClaim(new Claim(DialogueClaims.UiCulture, culture));
        }
        return identity;
    }
}
