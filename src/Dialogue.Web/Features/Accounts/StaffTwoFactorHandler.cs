using Microsoft.AspNetCore.Authorization;

namespace Dialogue.Web.Features.Accounts;

public sealed class StaffTwoFactorHandler(StaffTwoFactor staffTwoFactor, IHttpContextAccessor http) : AuthorizationHandler<StaffTwoFactorRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, StaffTwoFactorRequirement requirement)
    {
        var ct = http.HttpContext?.RequestAborted ?? CancellationToken.None;
        if (context.User.Identity?.IsAuthenticated == true && !await staffTwoFactor.MustSetUpAsync(context.User, ct))
        {
            context.Succeed(requirement);
        }
    }
}
