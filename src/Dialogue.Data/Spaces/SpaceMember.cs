namespace Dialogue.Data.Spaces;

/// <summary>A member's relation to a space. Only <see cref="SpaceMemberStatus.Active"/> rows grant access.</summary>
public class SpaceMember
{
    public long SpaceId { get; set; }
    public string UserId { get; set; } = "";
    public SpaceRole Role { get; set; } = SpaceRole.Member;
    public SpaceMemberStatus Status { get; set; } = SpaceMemberStatus.Active;
    /// <summary>When the row was created: joined, requested or invited.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The moderator who invited the member or decided the request; null when the member joined an open space.</summary>
    public string? DecidedById { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    /// <summary>What the member wrote when asking to join a closed space.</summary>
    public string? RequestMessage { get; set; }

    public Space? Space { get; set; }
}
