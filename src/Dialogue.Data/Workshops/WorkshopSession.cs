using NodaTime;

namespace Dialogue.Data.Workshops;

/// <summary>An agenda item: inside its workshop, planned in the workshop's zone.</summary>
public class WorkshopSession
{
    public long Id { get; set; }
    public long WorkshopId { get; set; }
    public string Title { get; set; } = "";
    /// <summary>Speakers as written (guests without an account, affiliations).</summary>
    public string? Speakers { get; set; }
    public LocalDateTime LocalStart { get; set; }
    public LocalDateTime LocalEnd { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    /// <summary>A room, or a link for a breakout.</summary>
    public string? Location { get; set; }
    /// <summary>The organisers' order among sessions that start at the same time, and the agenda's order otherwise.</summary>
    public int SortOrder { get; set; }

    public List<WorkshopSessionSpeaker> SpeakerMembers { get; set; } = [];
}
