namespace Dialogue.Data.Workshops;

/// <summary>Stored as its number; never renumber.</summary>
public enum WorkshopRegistrationStatus
{
    /// <summary>Holds a place.</summary>
    Registered = 0,
    /// <summary>On the waiting list, in <see cref="WorkshopRegistration.WaitingSince"/> order.</summary>
    Waiting = 1,
    /// <summary>Asked for a place; an organiser decides.</summary>
    PendingApproval = 2,
    /// <summary>Invited by an organiser; has not taken the place yet.</summary>
    Invited = 3,
    Cancelled = 4,
}
