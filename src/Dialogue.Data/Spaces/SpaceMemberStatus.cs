namespace Dialogue.Data.Spaces;

public enum SpaceMemberStatus
{
    Active = 0,
    /// <summary>Asked to join a closed space; waits for a space moderator.</summary>
    Requested = 1,
    /// <summary>Invited by a space moderator; waits for the member to accept.</summary>
    Invited = 2,
}
