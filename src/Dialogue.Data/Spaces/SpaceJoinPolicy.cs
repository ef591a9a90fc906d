namespace Dialogue.Data.Spaces;

public enum SpaceJoinPolicy
{
    /// <summary>Any approved member may join.</summary>
    Open = 0,
    /// <summary>By invitation, or by a request a space moderator approves.</summary>
    Closed = 1,
}
