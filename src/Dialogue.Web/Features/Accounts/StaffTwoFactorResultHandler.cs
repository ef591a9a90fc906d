using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Dialogue.Web.Features.Accounts;

/// <summary>A staff member refused only for lacking two-factor authentication is sent to set it up rather than to "access denied".</summary>
public sealed class StaffTwoFactorResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden
            && authorizeResult.AuthorizationFailure?.FailedRequirements is { } failed
            && failed.Any()
            && failed.All(r => r is StaffTwoFactorRequirement))
        {
            context.Response.Redirect(StaffTwoFactorFilter.SetUpPage);
            return Task.CompletedTask;
        }
        return fallback.HandleAsync(next, context, policy, authorizeResult);
    }
}
