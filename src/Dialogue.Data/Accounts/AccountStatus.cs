namespace Dialogue.Data.Accounts;

public enum AccountStatus
{
    /// <summary>Registered under approval-required mode and not yet vetted by an admin.</summary>
    PendingApproval = 0,
    Active = 1,
    Suspended = 2,
}
