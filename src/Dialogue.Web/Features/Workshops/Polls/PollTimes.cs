using System.Globalization;
using Dialogue.Web.Infrastructure.Time;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace Dialogue.Web.Features.Workshops.Polls;

/// <summary>
/// Zone rules for polls, on NodaTime's tz database: a slot is a wall-clock time in the organiser's zone, resolved to
/// one instant by a stated rule (a time in a daylight-saving gap moves forward by the gap; a time that occurs twice is
/// the earlier), then shown as a wall-clock time in each invitee's zone.
/// </summary>
public static class PollTimes
{
    /// <summary>Night for the burden rule: from 22:00 to 07:00 local.</summary>
    public static readonly LocalTime NightStarts = new(22, 0);
    public static readonly LocalTime NightEnds = new(7, 0);

    /// <summary>The zone every account starts with; a member who kept it is asked to choose theirs.</summary>
    public const string DefaultZone = "UTC";

    public enum Resolution { Exact, ShiftedForward, Earlier }

    public sealed record Resolved(LocalDateTime Requested, LocalDateTime Local, Instant Instant, Resolution How);

    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
    private static readonly LocalDateTimePattern StoredPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");

    /// <summary>An IANA zone both the tz database and the machine know (the pickers offer the machine's), else null.</summary>
    public static DateTimeZone? Zone(string? id) =>
        TimeZones.TryFind(id) is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id!);

    /// <summary>A zone for showing times: the member's, or UTC when theirs is unknown.</summary>
    public static DateTimeZone ZoneOrUtc(string? id) => Zone(id) ?? DateTimeZone.Utc;

    public static LocalDate? ParseDate(string? text) => DatePattern.Parse(text?.Trim() ?? "") is { Success: true } r ? r.Value : null;

    public static LocalTime? ParseTime(string? text) => TimePattern.Parse(text?.Trim() ?? "") is { Success: true } r ? r.Value : null;

    public static string FormatDate(LocalDate date) => DatePattern.Format(date);

    public static string FormatTime(LocalTime time) => TimePattern.Format(time);

    public static string Store(LocalDateTime local) => StoredPattern.Format(local);

    public static LocalDateTime ParseStored(string stored) => StoredPattern.Parse(stored).Value;

    public static Resolved Resolve(LocalDateTime local, DateTimeZone zone)
    {
        var mapping = zone.MapLocal(local);
        switch (mapping.Count)
        {
            case 1:
                return new Resolved(local, local, mapping.Single().ToInstant(), Resolution.Exact);
            case 0:
                // The lenient resolver moves a skipped time forward by the length of the gap (01:30 → 02:30 in London in March).
                var shifted = Resolvers.LenientResolver(mapping);
                return new Resolved(local, shifted.LocalDateTime, shifted.ToInstant(), Resolution.ShiftedForward);
            default:
                return new Resolved(local, local, mapping.First().ToInstant(), Resolution.Earlier);
        }
    }

    public static LocalDateTime InZone(DateTimeOffset instant, DateTimeZone zone) =>
        Instant.FromDateTimeOffset(instant).InZone(zone).LocalDateTime;

    /// <summary>"UTC+08:00" at that instant, daylight saving included.</summary>
    public static string OffsetAt(DateTimeOffset instant, DateTimeZone zone)
    {
        var offset = zone.GetUtcOffset(Instant.FromDateTimeOffset(instant)).ToTimeSpan();
        return "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>"Asia/Shanghai" → "Shanghai", "America/New_York" → "New York": the city a member recognises.</summary>
    public static string City(string zoneId) => zoneId[(zoneId.LastIndexOf('/') + 1)..].Replace('_', ' ');

    /// <summary>
    /// Whether any part of the slot [start, start + duration) lies between 22:00 and 07:00 on the person's wall clock:
    /// a meeting that starts at 21:30 for an hour still keeps them up.
    /// </summary>
    public static bool IsNightBurden(DateTimeOffset start, int durationMinutes, DateTimeZone zone)
    {
        var from = InZone(start, zone);
        var to = InZone(start.AddMinutes(durationMinutes), zone);
        for (var day = from.Date.PlusDays(-1); day <= to.Date; day = day.PlusDays(1))
        {
            var nightStart = day.At(NightStarts);
            var nightEnd = day.PlusDays(1).At(NightEnds);
            if (from < nightEnd && to > nightStart)
            {
                return true;
            }
        }
        return false;
    }
}
