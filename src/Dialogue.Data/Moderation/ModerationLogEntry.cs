namespace Dialogue.Data.Moderation;

/// <summary>Who did what to which target, when and why. Written in the same transaction as the action; never updated.</summary>
public class ModerationLogEntry
{
    public long Id { get; set; }
    public string? ActorId { get; set; }
    public DateTimeOffset At { get; set; }
    public ModerationAction Action { get; set; }
    public long? SpaceId { get; set; }
    public long? ThreadId { get; set; }
    public long? PostId { get; set; }
    public string? TargetUserId { get; set; }
    public string? Reason { get; set; }
    /// <summary>What changed, e.g. "Amber → Green" or the slow-mode interval; plain text or JSON.</summary>
    public string? Details { get; set; }
}
