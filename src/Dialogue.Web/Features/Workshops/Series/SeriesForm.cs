namespace Dialogue.Web.Features.Workshops.Series;

public enum SeriesRepeat { None = 0, Weekly = 1, Fortnightly = 2, MonthlyNthWeekday = 3, MonthlyLastWeekday = 4 }

public enum SeriesEnd { AfterCount = 0, OnDate = 1 }

/// <summary>The New form's "Repeats" fields; the first workshop's own fields give the weekday, time and length.</summary>
public sealed class SeriesForm
{
    public SeriesRepeat Repeats { get; set; } = SeriesRepeat.None;
    public SeriesEnd Ends { get; set; } = SeriesEnd.AfterCount;
    /// <summary>The last date a workshop may fall on, as yyyy-MM-dd in the organiser's zone.</summary>
    public string? Until { get; set; }
    public int? Count { get; set; }
}
