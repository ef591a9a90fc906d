namespace Dialogue.Data.Threads;

/// <summary>What a member can turn on or off, in the app and by email; each notification kind belongs to one. Stored as its number.</summary>
public enum NotificationTopic
{
    /// <summary>Someone mentioned you.</summary>
    Mentions = 0,
    /// <summary>New replies and new threads in the threads and spaces you watch.</summary>
    Replies = 1,
    /// <summary>Your post approved or rejected, your request to join a space decided.</summary>
    ModerationOutcomes = 2,
    /// <summary>For moderators and admins: work waiting in the review queue.</summary>
    StaffWork = 3,
}
