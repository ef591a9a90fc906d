namespace Dialogue.Data.Moderation;

/// <summary>A read of a RED or AMBER+STRICT thread, for admins to review.</summary>
public class ThreadAccessLogEntry
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public long ThreadId { get; set; }
    public DateTimeOffset At { get; set; }
}
