namespace Dialogue.Data.Moderation;

public class Flag
{
    public long Id { get; set; }
    public long PostId { get; set; }
    public string FlaggedById { get; set; } = "";
    public FlagReason Reason { get; set; }
    /// <summary>Required for <see cref="FlagReason.Other"/>.</summary>
    public string? Message { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedById { get; set; }
    public FlagResolution? Resolution { get; set; }
}
