namespace Dialogue.Data.Threads;

/// <summary>Moderation state of a post (and of a thread, through its opening post).</summary>
public enum PostStatus
{
    Approved = 0,
    /// <summary>Waits in the review queue; only its author and the space's moderators see it.</summary>
    Pending = 1,
    /// <summary>Refused in review, with <see cref="Post.RejectionReason"/> told to the author.</summary>
    Rejected = 2,
    /// <summary>Hidden by flags or a moderator, pending review.</summary>
    Hidden = 3,
    /// <summary>Removed by a moderator (content purged).</summary>
    Deleted = 4,
}
