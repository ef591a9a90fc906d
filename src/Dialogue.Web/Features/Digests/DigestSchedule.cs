using System.Globalization;
using Dialogue.Data.Digests;

namespace Dialogue.Web.Features.Digests;

/// <summary>When a recipient's digest is due: a frequency, a weekday, a local hour and the zone they are read in.</summary>
public sealed record DigestScheduleSpec(DigestFrequency Frequency, DayOfWeek Weekday, int Hour, TimeZoneInfo Zone);

/// <summary>
/// One period: a local date (daily) or ISO week (weekly) of the recipient's zone, and the instant it becomes due
/// (the chosen hour on the chosen local date).
/// </summary>
public readonly record struct DigestPeriod(string Key, DateOnly LocalDate, DateTimeOffset DueAt);

/// <summary>The last ledger row of a recipient for the schedule's frequency, as far as scheduling cares.</summary>
public sealed record LedgerMark(string PeriodKey, DigestLedgerStatus Status, DateTimeOffset? LockedUntil, int Attempts);

public abstract record DigestDecision
{
    /// <summary>Build <paramref name="Period"/> now; <paramref name="Reclaim"/> when its ledger row exists and is to be taken over.</summary>
    public sealed record Due(DigestPeriod Period, bool Reclaim) : DigestDecision;

    /// <summary>Nothing to do before <paramref name="CheckAgainAt"/>.</summary>
    public sealed record NotDue(DateTimeOffset CheckAgainAt) : DigestDecision;
}

/// <summary>
/// The due rule, as pure functions of the clock. A period is due when the recipient's local time has reached the
/// chosen hour on its local date, the period is not before the schedule started, and the recipient's ledger has no
/// period at or after it. The last part is what makes zone and hour changes safe: period keys only move forward,
/// so a date already delivered (in any zone) is never delivered again, and a date not yet delivered is delivered
/// as soon as its hour has come in the current zone.
/// </summary>
public static class DigestSchedule
{
    public static string KeyOf(DigestFrequency frequency, DateOnly localDate) => frequency == DigestFrequency.Weekly
        ? string.Create(CultureInfo.InvariantCulture, $"W:{ISOWeek.GetYear(localDate.ToDateTime(TimeOnly.MinValue)):D4}-W{ISOWeek.GetWeekOfYear(localDate.ToDateTime(TimeOnly.MinValue)):D2}")
        : "D:" + localDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The instant of <paramref name="hour"/>:00 on <paramref name="localDate"/> in <paramref name="zone"/>. An hour skipped by a
    /// daylight-saving change falls on the first instant after the gap; an hour that happens twice, on the first.
    /// </summary>
    public static DateTimeOffset OccurrenceOn(DateOnly localDate, int hour, TimeZoneInfo zone)
    {
        var local = localDate.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            var probe = local;
            while (zone.IsInvalidTime(probe))
            {
                probe = probe.AddMinutes(15);
            }
            return new DateTimeOffset(probe, zone.GetUtcOffset(probe)).ToUniversalTime();
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    public static DigestPeriod PeriodOn(DigestScheduleSpec spec, DateOnly localDate) =>
        new(KeyOf(spec.Frequency, localDate), localDate, OccurrenceOn(localDate, spec.Hour, spec.Zone));

    /// <summary>The latest period whose due instant is at or before <paramref name="now"/>.</summary>
    public static DigestPeriod LatestAtOrBefore(DigestScheduleSpec spec, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, spec.Zone).DateTime);
        var step = spec.Frequency == DigestFrequency.Weekly ? 7 : 1;
        var date = today;
        if (spec.Frequency == DigestFrequency.Weekly)
        {
            date = today.AddDays(-(((int)today.DayOfWeek - (int)spec.Weekday + 7) % 7));
        }
        var period = PeriodOn(spec, date);
        return period.DueAt <= now ? period : PeriodOn(spec, date.AddDays(-step));
    }

    public static DigestPeriod Following(DigestScheduleSpec spec, DigestPeriod period) =>
        PeriodOn(spec, period.LocalDate.AddDays(spec.Frequency == DigestFrequency.Weekly ? 7 : 1));

    /// <param name="last">The recipient's ledger row with the highest period key for this frequency, if any.</param>
    public static DigestDecision Decide(DigestScheduleSpec spec, DateTimeOffset now, DateTimeOffset scheduleStartsAt, LedgerMark? last, int maxAttempts)
    {
        if (spec.Frequency == DigestFrequency.Off)
        {
            throw new ArgumentException("An Off schedule has no periods.", nameof(spec));
        }
        var latest = LatestAtOrBefore(spec, now);
        if (last is { Status: DigestLedgerStatus.Building or DigestLedgerStatus.Failed } && last.LockedUntil > now)
        {
            // A worker holds the last period, or it waits for its retry: nothing new starts until that settles.
            return new DigestDecision.NotDue(last.LockedUntil.Value);
        }
        if (last is { Status: DigestLedgerStatus.Building or DigestLedgerStatus.Failed } && last.PeriodKey == latest.Key && last.Attempts < maxAttempts)
        {
            return new DigestDecision.Due(latest, Reclaim: true);
        }
        if (IsOpen(latest, scheduleStartsAt, last))
        {
            return new DigestDecision.Due(latest, Reclaim: false);
        }
        var next = Following(spec, latest);
        // Keys move forward by a day or a week per step; a zone change can put at most a couple of them behind the ledger.
        for (var i = 0; i < 8 && !IsOpen(next, scheduleStartsAt, last); i++)
        {
            next = Following(spec, next);
        }
        return new DigestDecision.NotDue(next.DueAt);
    }

    private static bool IsOpen(DigestPeriod period, DateTimeOffset scheduleStartsAt, LedgerMark? last) =>
        period.DueAt >= scheduleStartsAt && (last is null || string.CompareOrdinal(period.Key, last.PeriodKey) > 0);
}
