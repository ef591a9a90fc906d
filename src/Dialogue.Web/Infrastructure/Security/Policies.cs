using Dialogue.Data.Accounts;
using Dialogue.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Dialogue.Web.Infrastructure.Security;

/// <summary>
/// Every staff surface (admin pages, moderation pages, members of a space, the jobs dashboard) is authorized by a
/// policy that includes <see cref="StaffTwoFactorRequirement"/>, so the admins' two-factor rule holds wherever staff work.
/// </summary>
public static class Policies
{
    public const string Admin = "Admin";
    /// <summary>A surface any signed-in member may open but staff only with two-factor authentication when admins require it.</summary>
    public const string StaffSurface = "StaffSurface";
    /// <summary>Who may send invitations: admins, and organisers inviting people to their workshops.</summary>
    public const string Inviters = "Inviters";

    public static void Add(AuthorizationOptions options)
    {
        // Deny by default: the few anonymous pages are listed in AnonymousPages. An address that matches no endpoint has
        // nothing to protect, so it answers 404 to everyone rather than sending a visitor to sign in for a page that is not there.
        options.FallbackPolicy = new AuthorizationPolicyBuilder()
            .RequireAssertion(context => context.User.Identity?.IsAuthenticated == true || MatchesNoEndpoint(context.Resource))
            .Build();
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Admin).AddRequirements(StaffTwoFactorRequirement.Instance));
        options.AddPolicy(StaffSurface, p => p.RequireAuthenticatedUser().AddRequirements(StaffTwoFactorRequirement.Instance));
        options.AddPolicy(Inviters, p => p.RequireRole(Roles.Admin, Roles.Organiser).AddRequirements(StaffTwoFactorRequirement.Instance));
    }

    // The authorization middleware passes the request itself as the resource; anything else (a page filter, a handler
    // asking about a resource) is not a request that missed every endpoint.
    private static bool MatchesNoEndpoint(object? resource) => resource is HttpContext http && http.GetEndpoint() is null;
}
