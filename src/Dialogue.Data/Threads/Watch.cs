namespace Dialogue.Data.Threads;

/// <summary>A member follows a thread or a whole space (exactly one of the two ids is set).</summary>
public class Watch
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public long? ThreadId { get; set; }
    public long? SpaceId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
