using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using NodaTime;

namespace Dialogue.Data.Workshops;

/// <summary>
/// A repeating workshop: the rule, in the organiser's zone and wall-clock time. Its occurrences are ordinary
/// <see cref="Workshop"/> rows (<see cref="Workshop.SeriesId"/>, <see cref="Workshop.OccurrenceIndex"/> 0..Count-1), so
/// lists, calendars, registration and reminders treat each like any workshop. Label and space are those of every occurrence.
/// </summary>
public class WorkshopSeries
{
    public long Id { get; set; }
    public long SpaceId { get; set; }
    public SensitivityLabel Label { get; set; }
    public string Title { get; set; } = "";
    public string CreatedById { get; set; } = "";

    public SeriesFrequency Frequency { get; set; }
    /// <summary>For <see cref="SeriesFrequency.MonthlyByWeekday"/>: 1 to 4 for the first to fourth weekday, -1 for the last.</summary>
    public int? WeekOfMonth { get; set; }
    /// <summary>The IANA zone the organiser plans in.</summary>
    public string TimeZoneId { get; set; } = "UTC";
    /// <summary>The first occurrence as planned; every later one keeps this wall-clock start and length.</summary>
    public LocalDateTime FirstStart { get; set; }
    public LocalDateTime FirstEnd { get; set; }
    /// <summary>How many dates the rule gives (an "until" date is turned into a count when saved).</summary>
    public int Count { get; set; }

    /// <summary>
    /// Raised when the rule itself changes; the calendar's SEQUENCE is this plus the occurrences' own, so any change to an
    /// occurrence raises it too.
    /// </summary>
    public int Sequence { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public Space? Space { get; set; }
}
