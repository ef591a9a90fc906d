namespace Dialogue.Data.Admin;

/// <summary>
/// One action an admin took on a member or on the site's settings. Ids are kept without foreign keys,
/// so the record outlives the accounts it mentions.
/// </summary>
public class AdminAuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string ActorId { get; set; } = "";
    /// <summary>What was done, one of the names in the Admin feature's AuditActions ("member.suspended").</summary>
    public string Action { get; set; } = "";
    public string? TargetUserId { get; set; }
    /// <summary>The role, the reason, or the old and new value, as the admin gave them.</summary>
    public string? Details { get; set; }
}
