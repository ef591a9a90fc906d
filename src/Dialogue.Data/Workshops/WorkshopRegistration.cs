namespace Dialogue.Data.Workshops;

/// <summary>One member's relation to a workshop; one row per member, its status changing over time.</summary>
public class WorkshopRegistration
{
    public long Id { get; set; }
    public long WorkshopId { get; set; }
    public string UserId { get; set; } = "";
    public WorkshopRegistrationStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset StatusChangedAt { get; set; }
    /// <summary>When the member joined the waiting list: the list's order (then <see cref="Id"/>).</summary>
    public DateTimeOffset? WaitingSince { get; set; }
    /// <summary>The organiser who invited, approved or declined; null for the member's own actions.</summary>
    public string? DecidedById { get; set; }
    /// <summary>Set when the member was ever invited: a RED workshop's participants are its invitees.</summary>
    public DateTimeOffset? InvitedAt { get; set; }
    /// <summary>Set when the member got a place from the waiting list (and was told by email).</summary>
    public DateTimeOffset? PromotedAt { get; set; }

    public Workshop? Workshop { get; set; }
}
