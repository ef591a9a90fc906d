using Dialogue.Data.Accounts;
using Dialogue.Data.Site;

namespace Dialogue.Web.Features.Admin;

/// <summary>The English text (the resource key) for values the admin pages show; views pass it through the localiser.</summary>
public static class Labels
{
    public static string Status(AccountStatus status) => status switch
    {
        AccountStatus.PendingApproval => "Pending approval",
        AccountStatus.Active => "Active",
        AccountStatus.Suspended => "Suspended",
        _ => status.ToString(),
    };

    public static string Role(string role) => role switch
    {
        Roles.Admin => "Admin",
        Roles.Moderator => "Moderator",
        Roles.Organiser => "Organiser",
        Roles.GlossaryEditor => "Glossary editor",
        Roles.Member => "Member",
        _ => role,
    };

    public static string Mode(RegistrationMode mode) => mode switch
    {
        RegistrationMode.Open => "Open: anyone may register",
        RegistrationMode.ApprovalRequired => "Approval required: an admin vets each new account",
        RegistrationMode.InvitationOnly => "Invitation only: people register through an invitation link",
        _ => mode.ToString(),
    };

    public static string Action(string action) => action switch
    {
        AuditActions.MemberApproved => "Approved the account",
        AuditActions.RoleAdded => "Added a role",
        AuditActions.RoleRemoved => "Removed a role",
        AuditActions.MemberSuspended => "Suspended the account",
        AuditActions.MemberReinstated => "Reinstated the account",
        AuditActions.RegistrationModeChanged => "Changed the registration mode",
        AuditActions.TwoFactorRequirementChanged => "Changed the two-factor requirement for staff",
        AuditActions.MailRetried => "Sent a refused message again",
        AuditActions.AccountDeleted => "Deleted their own account",
        _ => action,
    };

    /// <summary>
    /// The English text of an entry's details: they are stored as enum and role names, so the record stays the same
    /// whatever language the admin reads it in, and shown through the localiser. Free text (a suspension reason) is kept.
    /// </summary>
    public static IEnumerable<string> Details(string action, string? details)
    {
        if (details is null)
        {
            return [];
        }
        return action switch
        {
            AuditActions.RoleAdded or AuditActions.RoleRemoved => [Role(details)],
            AuditActions.RegistrationModeChanged when details.Split(" → ") is [var from, var to]
                && Enum.TryParse<RegistrationMode>(from, out var before) && Enum.TryParse<RegistrationMode>(to, out var after) =>
                [ShortMode(before), "→", ShortMode(after)],
            AuditActions.TwoFactorRequirementChanged => [details == "required" ? "Required" : "Not required"],
            _ => [details],
        };
    }

    private static string ShortMode(RegistrationMode mode) => mode switch
    {
        RegistrationMode.Open => "Open",
        RegistrationMode.ApprovalRequired => "Approval required",
        RegistrationMode.InvitationOnly => "Invitation only",
        _ => mode.ToString(),
    };
}
