using Dialogue.Data.Spaces;

namespace Dialogue.Data.AccessReviews;

/// <summary>One member (or RED thread participant) under review, as they were when the review opened.</summary>
public class AccessReviewItem
{
    public long ReviewId { get; set; }
    public string UserId { get; set; } = "";
    public SpaceRole Role { get; set; }
    /// <summary>When they joined the space (or were added to the thread).</summary>
    public DateTimeOffset JoinedAt { get; set; }
    public AccessReviewDecision Decision { get; set; }
    public string? DecidedById { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}
