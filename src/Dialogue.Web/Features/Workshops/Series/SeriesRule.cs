using Dialogue.Data.Workshops;
using NodaTime;

namespace Dialogue.Web.Features.Workshops.Series;

/// <summary>
/// The dates and times a series gives: every date keeps the first occurrence's wall-clock start and length in the
/// organiser's zone, so its UTC instant moves with daylight saving. A time the clocks skip is shifted forward by the gap,
/// a time that happens twice is the earlier instant (<see cref="WorkshopTime.Resolve"/>), and each such date says so.
/// </summary>
public sealed record SeriesRule(SeriesFrequency Frequency, int? WeekOfMonth, LocalDateTime FirstStart, LocalDateTime FirstEnd, int Count)
{
    /// <summary>At most a year of weekly workshops, and no series longer than two years: beyond that, plan again.</summary>
    public const int MaxOccurrences = 52;
    public const int MaxYears = 2;
    public const int LastWeek = -1;

    public enum Adjustment { None, ShiftedForward, EarlierOfTwo }

    public sealed record Occurrence(
        int Index, LocalDateTime LocalStart, LocalDateTime LocalEnd, DateTimeOffset StartsAt, DateTimeOffset EndsAt, Adjustment Adjustment,
        LocalDateTime ResolvedStart);

    public static SeriesRule From(WorkshopSeries series) =>
        new(series.Frequency, series.WeekOfMonth, series.FirstStart, series.FirstEnd, series.Count);

    public IsoDayOfWeek Weekday => FirstStart.DayOfWeek;

    /// <summary>The first to fourth weekday of its month (1-4), or 5 for a fifth one, which not every month has.</summary>
    public static int WeekOf(LocalDate date) => ((date.Day - 1) / 7) + 1;

    public static bool IsLastOfMonth(LocalDate date) => date.PlusDays(7).Month != date.Month;

    /// <summary>The week of month a monthly series starting on this date keeps: the nth, or the last when asked (or when it is a fifth).</summary>
    public static int WeekOfMonthFor(LocalDate date, bool last) => last || WeekOf(date) == 5 ? LastWeek : WeekOf(date);

    /// <summary>The dates of the rule, without end (callers take what they need).</summary>
    public static IEnumerable<LocalDate> DatesFrom(SeriesFrequency frequency, int? weekOfMonth, LocalDate first)
    {
        for (var i = 0; ; i++)
        {
            yield return frequency switch
            {
                SeriesFrequency.Weekly => first.PlusWeeks(i),
                SeriesFrequency.Fortnightly => first.PlusWeeks(2 * i),
                _ => NthWeekday(first.ToYearMonth().PlusMonths(i), first.DayOfWeek, weekOfMonth ?? WeekOf(first)),
            };
        }
    }

    public IReadOnlyList<LocalDate> Dates() => [.. DatesFrom(Frequency, WeekOfMonth, FirstStart.Date).Take(Count)];

    public LocalDateTime StartOn(LocalDate date) => date + FirstStart.TimeOfDay;

    public LocalDateTime EndOn(LocalDate date) => StartOn(date) + Length;

    private Period Length => Period.Between(FirstStart, FirstEnd, PeriodUnits.Days | PeriodUnits.Hours | PeriodUnits.Minutes);

    /// <summary>Every occurrence resolved in the zone, in order.</summary>
    public IReadOnlyList<Occurrence> Occurrences(DateTimeZone zone) =>
        [.. Dates().Select((date, index) => Resolve(index, StartOn(date), EndOn(date), zone))];

    public static Occurrence Resolve(int index, LocalDateTime start, LocalDateTime end, DateTimeZone zone)
    {
        var adjustment = Adjustment.None;
        foreach (var local in new[] { start, end })
        {
            var count = zone.MapLocal(local).Count;
            if (count != 1 && adjustment == Adjustment.None)
            {
                adjustment = count == 0 ? Adjustment.ShiftedForward : Adjustment.EarlierOfTwo;
            }
        }
        var resolved = WorkshopTime.Resolve(start, zone);
        var (startsAt, endsAt) = (WorkshopTime.ToInstant(start, zone), WorkshopTime.ToInstant(end, zone));
        if (endsAt <= startsAt)
        {
            // A start shifted forward out of a gap can pass a short workshop's end: it then keeps its planned length.
            endsAt = startsAt + (end.ToDateTimeUnspecified() - start.ToDateTimeUnspecified());
        }
        return new Occurrence(index, start, end, startsAt, endsAt, adjustment, resolved.LocalDateTime);
    }

    /// <summary>The RFC 5545 RRULE of the series ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=10").</summary>
    public string ToRRule()
    {
        var day = Weekday switch
        {
            IsoDayOfWeek.Monday => "MO",
            IsoDayOfWeek.Tuesday => "TU",
            IsoDayOfWeek.Wednesday => "WE",
            IsoDayOfWeek.Thursday => "TH",
            IsoDayOfWeek.Friday => "FR",
            IsoDayOfWeek.Saturday => "SA",
            _ => "SU",
        };
        return Frequency switch
        {
            SeriesFrequency.Weekly => $"FREQ=WEEKLY;BYDAY={day};COUNT={Count}",
            SeriesFrequency.Fortnightly => $"FREQ=WEEKLY;INTERVAL=2;BYDAY={day};COUNT={Count}",
            _ => $"FREQ=MONTHLY;BYDAY={WeekOfMonth ?? WeekOf(FirstStart.Date)}{day};COUNT={Count}",
        };
    }

    private static LocalDate NthWeekday(YearMonth month, IsoDayOfWeek weekday, int week) =>
        // NodaTime reads occurrence 5 as "the last one in the month".
        LocalDate.FromYearMonthWeekAndDay(month.Year, month.Month, week == LastWeek ? 5 : week, weekday);
}
