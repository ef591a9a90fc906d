namespace Dialogue.Data.Threads;

/// <summary>A named reader of a RED thread.</summary>
public class ThreadParticipant
{
    public long ThreadId { get; set; }
    public string UserId { get; set; } = "";
    public DateTimeOffset AddedAt { get; set; }
    public string? AddedById { get; set; }
}
