using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;

namespace Dialogue.Data.Threads;

/// <summary>A thread of posts in a space (named so to stay clear of System.Threading.Thread).</summary>
public class DiscussionThread
{
    public long Id { get; set; }
    public long SpaceId { get; set; }
    public string Title { get; set; } = "";
    /// <summary>Never laxer than the space's default label.</summary>
    public SensitivityLabel Label { get; set; }
    public string AuthorId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When the latest post was written; listings sort by it.</summary>
    public DateTimeOffset LastActivityAt { get; set; }
    /// <summary>
    /// Posts ever written in the thread, whatever their status; also the highest <see cref="Post.Number"/>.
    /// Incremented in the same transaction that inserts a post.
    /// </summary>
    public int PostCount { get; set; }
    /// <summary>Approved unless the opening post waits for (or failed) review, or a moderator hid or removed the thread.</summary>
    public PostStatus Status { get; set; } = PostStatus.Approved;

    /// <summary>Chatham House rule: authors show as stable pseudonyms to everyone but moderators.</summary>
    public bool ChathamHouse { get; set; }

    /// <summary>Embargo: until this instant only the author and the space's moderators see the thread; null once released.</summary>
    public DateTimeOffset? EmbargoUntil { get; set; }

    public DateTimeOffset? PinnedAt { get; set; }
    public string? PinnedById { get; set; }
    /// <summary>Locked: only moderators may post.</summary>
    public DateTimeOffset? LockedAt { get; set; }
    public string? LockedById { get; set; }
    /// <summary>Closed: the discussion is over; nobody posts.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedById { get; set; }

    /// <summary>Slow mode: one post per member per interval (editing one's own post is never blocked).</summary>
    public TimeSpan? SlowModeInterval { get; set; }
    public string? SlowModeSetById { get; set; }
    public string? SlowModeReason { get; set; }
    public DateTimeOffset? SlowModeUntil { get; set; }

    public Space? Space { get; set; }
    public List<ThreadTag> Tags { get; set; } = [];
    /// <summary>Who may read a RED thread; empty for other labels.</summary>
    public List<ThreadParticipant> Participants { get; set; } = [];
    public List<Post> Posts { get; set; } = [];
}
