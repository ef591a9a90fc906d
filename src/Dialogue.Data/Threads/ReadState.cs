namespace Dialogue.Data.Threads;

/// <summary>How far a member has read a thread; posts with a higher number are unread.</summary>
public class ReadState
{
    public string UserId { get; set; } = "";
    public long ThreadId { get; set; }
    public int LastReadPostNumber { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
