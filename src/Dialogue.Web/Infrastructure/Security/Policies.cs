using Dialogue.Data.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Dialogue.Web.Infrastructure.Security;

public static class Policies
{
    public const string Admin = "Admin";
    public const string Staff = "Staff";
    /// <summary>Who may send invitations: admins, and organisers inviting people to their workshops.</summary>
    public const string Inviters = "Inviters";

    public static void Add(AuthorizationOptions options)
    {
        // Deny by default: the few anonymous pages are listed in AnonymousPages.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
        options.AddPolicy(Staff, p => p.RequireRole(Roles.Admin, Roles.Moderator));
        options.AddPolicy(Inviters, p => p.RequireRole(Roles.Admin, Roles.Organiser));
    }
}
