using Dialogue.Web.Infrastructure.Security;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authorization;

namespace Dialogue.Web.Infrastructure.Jobs;

/// <summary>
/// The jobs dashboard's own check, the admin policy (staff two-factor included) evaluated again on every dashboard
/// request, so the rule holds even for dashboard routes the endpoint's authorization metadata does not reach.
/// </summary>
public sealed class DashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(http.User, Policies.Admin)).Succeeded;
    }
}
