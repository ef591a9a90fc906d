namespace Dialogue.Data.AccessReviews;

/// <summary>A space's own review interval, set by its moderators; without one the site default (AccessReview:IntervalDays) applies.</summary>
public class AccessReviewInterval
{
    public long SpaceId { get; set; }
    public int Days { get; set; }
    public string? SetById { get; set; }
    public DateTimeOffset SetAt { get; set; }
}
