namespace Dialogue.Data.Privacy;

/// <summary>
/// How long a space's threads, or one RED thread's, are kept after their last activity before their content is purged.
/// Exactly one of <see cref="SpaceId"/> and <see cref="ThreadId"/> is set; a thread's own period wins over its space's.
/// </summary>
public class RetentionPeriod
{
    public long Id { get; set; }
    public long? SpaceId { get; set; }
    public long? ThreadId { get; set; }
    public int Days { get; set; }
    public string? SetById { get; set; }
    public DateTimeOffset SetAt { get; set; }
}
