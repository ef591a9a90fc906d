namespace Dialogue.Data.Moderation;

/// <summary>A member may not post until <see cref="Until"/>: in one space, or everywhere when SpaceId is null.</summary>
public class MemberSilence
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public long? SpaceId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset Until { get; set; }
    public string? Reason { get; set; }
    public string? SetById { get; set; }
    public DateTimeOffset? LiftedAt { get; set; }
    public string? LiftedById { get; set; }
}
