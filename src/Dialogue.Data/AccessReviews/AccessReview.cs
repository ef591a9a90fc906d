namespace Dialogue.Data.AccessReviews;

/// <summary>
/// One round of a periodic access review: of a space's members (<see cref="ThreadId"/> null, reviewed by the space's
/// moderators) or of a RED thread's participants (reviewed by the thread's starter). Open until every item is decided
/// or <see cref="LapsesAt"/> passes, when the job lapses what is left.
/// </summary>
public class AccessReview
{
    public long Id { get; set; }
    public long SpaceId { get; set; }
    public long? ThreadId { get; set; }
    /// <summary>"space:{id}:{round}" or "thread:{id}:{round}", unique: two job runs (or nodes) that both find a review due open it once.</summary>
    public string Key { get; set; } = "";
    public int Round { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset LapsesAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    public List<AccessReviewItem> Items { get; set; } = [];
}
