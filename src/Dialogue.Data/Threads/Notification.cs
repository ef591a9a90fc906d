namespace Dialogue.Data.Threads;

/// <summary>
/// An in-app notification. It carries ids only: what it says is read, when shown, through the access
/// policy as the recipient, so a notification about a thread the recipient can no longer read disappears.
/// </summary>
public class Notification
{
    public long Id { get; set; }
    public string RecipientId { get; set; } = "";
    public NotificationKind Kind { get; set; }
    /// <summary>For space-level kinds (an invitation, a decided request).</summary>
    public long? SpaceId { get; set; }
    public long? ThreadId { get; set; }
    public long? PostId { get; set; }
    /// <summary>Who caused it (the replying or mentioning author, the deciding moderator).</summary>
    public string? ActorId { get; set; }
    /// <summary>Free text for kinds that need it (a rejection reason).</summary>
    public string? Message { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }

    public Spaces.Space? Space { get; set; }
    public DiscussionThread? Thread { get; set; }
    public Post? Post { get; set; }
}
