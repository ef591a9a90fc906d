namespace Dialogue.Data.Workshops;

/// <summary>Stored as its number; never renumber.</summary>
public enum WorkshopRegistrationMode
{
    /// <summary>Any reader who may register gets a place (or a waiting-list position).</summary>
    Open = 0,
    /// <summary>Requests wait for an organiser's decision.</summary>
    Approval = 1,
    /// <summary>Only members an organiser invited may register; a RED workshop is always this.</summary>
    InvitationOnly = 2,
}
