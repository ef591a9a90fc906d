namespace Dialogue.Web.Features.Admin;

/// <summary>The names stored in <see cref="Dialogue.Data.Admin.AdminAuditEntry.Action"/>.</summary>
public static class AuditActions
{
    public const string MemberApproved = "member.approved";
    public const string RoleAdded = "member.role-added";
    public const string RoleRemoved = "member.role-removed";
    public const string MemberSuspended = "member.suspended";
    public const string MemberReinstated = "member.reinstated";
    public const string RegistrationModeChanged = "settings.registration-mode";
    public const string TwoFactorRequirementChanged = "settings.two-factor-for-staff";
    public const string MailRetried = "mail.retried";
    public const string AccountDeleted = "account.deleted";
}
