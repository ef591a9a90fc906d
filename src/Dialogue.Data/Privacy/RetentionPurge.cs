namespace Dialogue.Data.Privacy;

/// <summary>
/// A thread whose content the retention job purged. Written in the same transaction as the purge, keyed by the thread:
/// the job skips threads that have one, so running it twice (or on two nodes) purges once.
/// </summary>
public class RetentionPurge
{
    public long ThreadId { get; set; }
    public DateTimeOffset PurgedAt { get; set; }
    public int PostsPurged { get; set; }
    /// <summary>The retention period (days) that applied, so the moderation record shows why.</summary>
    public int Days { get; set; }
}
