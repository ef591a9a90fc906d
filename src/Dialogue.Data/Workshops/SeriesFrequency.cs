namespace Dialogue.Data.Workshops;

/// <summary>How a workshop series repeats; stored as a number.</summary>
public enum SeriesFrequency
{
    Weekly = 1,
    Fortnightly = 2,
    /// <summary>On the nth weekday of each month ("first Tuesday"), or the last one (<see cref="WorkshopSeries.WeekOfMonth"/> -1).</summary>
    MonthlyByWeekday = 3,
}
