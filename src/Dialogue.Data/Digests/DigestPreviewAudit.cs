namespace Dialogue.Data.Digests;

/// <summary>An admin looked at a member's next digest, which shows that member's view of the site.</summary>
public class DigestPreviewAudit
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string AdminUserId { get; set; } = "";
    public string MemberUserId { get; set; } = "";
}
