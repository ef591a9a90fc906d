namespace Dialogue.Data.Accounts;

public enum AccountStatus
{
    /// <summary>Registered under approval-required mode and not yet vetted by an admin.</summary>
    PendingApproval = 0,
    Active = 1,
    Suspended = 2,
    /// <summary>Deleted by its owner: the row stays, emptied of personal data, so their posts keep a valid author (Privacy/PersonalData).</summary>
    Deleted = 3,
}
