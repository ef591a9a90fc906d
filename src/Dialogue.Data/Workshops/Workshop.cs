using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using NodaTime;

namespace Dialogue.Data.Workshops;

/// <summary>
/// A scheduled exchange in a space. Planned as a wall-clock time in the organiser's IANA zone
/// (<see cref="TimeZoneId"/> + <see cref="LocalStart"/>/<see cref="LocalEnd"/>), and stored also as the UTC
/// instants that zone's rules gave when it was saved (<see cref="StartsAt"/>/<see cref="EndsAt"/>), which every
/// list, calendar and reminder sorts and scans by.
/// </summary>
public class Workshop
{
    public long Id { get; set; }
    public long SpaceId { get; set; }
    public string Title { get; set; } = "";
    /// <summary>The Markdown the organiser wrote.</summary>
    public string DescriptionSource { get; set; } = "";
    /// <summary>Rendered and sanitised when saved, by the same renderer as posts.</summary>
    public string DescriptionHtml { get; set; } = "";
    /// <summary>Never laxer than the space's default label.</summary>
    public SensitivityLabel Label { get; set; }
    public string CreatedById { get; set; } = "";

    /// <summary>The IANA zone the organiser plans in ("Asia/Shanghai").</summary>
    public string TimeZoneId { get; set; } = "UTC";
    public LocalDateTime LocalStart { get; set; }
    public LocalDateTime LocalEnd { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }

    public string? OnlineLink { get; set; }
    public string? Venue { get; set; }
    /// <summary>Places for registrants; null is unlimited.</summary>
    public int? Capacity { get; set; }
    public WorkshopRegistrationMode RegistrationMode { get; set; } = WorkshopRegistrationMode.Open;

    /// <summary>The discussion thread created with the workshop, under the same label.</summary>
    public long? ThreadId { get; set; }

    /// <summary>iCalendar SEQUENCE: increased on every change a calendar must learn of.</summary>
    public int Sequence { get; set; }
    /// <summary>
    /// Increased by every registration change: the first write of its transaction, so concurrent changes to one
    /// workshop's registrations take turns (a row lock on PostgreSQL, the write lock on SQLite).
    /// </summary>
    public int RegistrationVersion { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public string? CancelledById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The series (<see cref="WorkshopSeries"/>) this is an occurrence of, and its place in it (0 is the first).</summary>
    public long? SeriesId { get; set; }
    public int? OccurrenceIndex { get; set; }

    /// <summary>Minutes or outcomes written after the workshop, under its label.</summary>
    public string? MinutesSource { get; set; }
    public string? MinutesHtml { get; set; }
    public DateTimeOffset? MinutesUpdatedAt { get; set; }
    /// <summary>When the registrants were told of the minutes: set once, by their first publication.</summary>
    public DateTimeOffset? MinutesAnnouncedAt { get; set; }

    public Space? Space { get; set; }
    public List<WorkshopOrganiser> Organisers { get; set; } = [];
    public List<WorkshopSession> Sessions { get; set; } = [];
    public List<WorkshopRegistration> Registrations { get; set; } = [];
}
