using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;

namespace Dialogue.Data.Workshops.Polls;

/// <summary>
/// An availability poll: candidate slots an organiser proposes, in the zone they plan in, before a workshop is
/// scheduled. Seen by its organiser and invitees only, as far as its label lets them read its space.
/// </summary>
public class WorkshopPoll
{
    public long Id { get; set; }
    public long SpaceId { get; set; }
    /// <summary>Never laxer than the space's default label.</summary>
    public SensitivityLabel Label { get; set; }
    public string Title { get; set; } = "";
    /// <summary>Markdown as written.</summary>
    public string Description { get; set; } = "";
    /// <summary>The description rendered and sanitised by the posts' renderer when saved.</summary>
    public string DescriptionHtml { get; set; } = "";
    public string OrganiserId { get; set; } = "";
    /// <summary>IANA zone the organiser plans in; every slot's local start is a wall-clock time in it.</summary>
    public string TimeZoneId { get; set; } = "UTC";
    public int DurationMinutes { get; set; }
    public WorkshopPollStatus Status { get; set; }
    public long? DecidedSlotId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    public Space? Space { get; set; }
    public List<WorkshopPollSlot> Slots { get; set; } = [];
    public List<WorkshopPollInvitee> Invitees { get; set; } = [];
}
