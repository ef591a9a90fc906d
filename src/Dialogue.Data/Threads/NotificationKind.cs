namespace Dialogue.Data.Threads;

/// <summary>Stored as its number; add new kinds at the end.</summary>
public enum NotificationKind
{
    Reply = 0,
    Mention = 1,
    NewThread = 2,
    PostApproved = 3,
    PostRejected = 4,
    SpaceInvitation = 5,
    SpaceRequestDecided = 6,
}
