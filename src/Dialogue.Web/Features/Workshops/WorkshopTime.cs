using System.Globalization;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace Dialogue.Web.Features.Workshops;

/// <summary>
/// Zone rules for workshops, from the IANA database NodaTime carries (the same on every machine, unlike the OS's).
/// A wall-clock time that a daylight-saving change skips is shifted forward by the gap; one that happens twice is the
/// earlier of the two (NodaTime's lenient resolver), and the organiser is told when either happened.
/// </summary>
public static class WorkshopTime
{
    public static readonly LocalDateTimePattern InputPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");

    public static DateTimeZone? Zone(string? id) =>
        string.IsNullOrWhiteSpace(id) || id.Length > 64 ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);

    /// <summary>The zone the viewer reads in (ViewerTime's choice), as NodaTime knows it; UTC when it does not.</summary>
    public static DateTimeZone ZoneOf(TimeZoneInfo viewerZone) => Zone(viewerZone.Id) ?? DateTimeZone.Utc;

    public static LocalDateTime? ParseInput(string? text) =>
        text is not null && InputPattern.Parse(text.Trim()) is { Success: true } result ? result.Value : null;

    public static string FormatInput(LocalDateTime local) => InputPattern.Format(local);

    public static ZonedDateTime Resolve(LocalDateTime local, DateTimeZone zone) => zone.ResolveLocal(local, Resolvers.LenientResolver);

    /// <summary>Whether the wall-clock time is skipped or repeated in the zone (the organiser is told how it was resolved).</summary>
    public static bool IsAmbiguousOrSkipped(LocalDateTime local, DateTimeZone zone) => zone.MapLocal(local).Count != 1;

    public static DateTimeOffset ToInstant(LocalDateTime local, DateTimeZone zone) => Resolve(local, zone).ToDateTimeOffset().ToUniversalTime();

    public static ZonedDateTime InZone(DateTimeOffset instant, DateTimeZone zone) => Instant.FromDateTimeOffset(instant).InZone(zone);

    /// <summary>
    /// The local dates an interval touches in a zone: one for an ordinary session, two for one that crosses midnight there.
    /// The end is exclusive, so a session ending exactly at midnight belongs to one day.
    /// </summary>
    public static IReadOnlyList<LocalDate> DaysTouched(DateTimeOffset start, DateTimeOffset end, DateTimeZone zone)
    {
        var first = InZone(start, zone).Date;
        var last = end > start ? InZone(end.AddTicks(-1), zone).Date : first;
        var days = new List<LocalDate>();
        for (var day = first; day <= last && days.Count < 366; day = day.PlusDays(1))
        {
            days.Add(day);
        }
        return days;
    }

    /// <summary>"Shanghai (CST)": the zone's city and the abbreviation in force at that instant.</summary>
    public static string ZoneLabel(DateTimeZone zone, DateTimeOffset at)
    {
        var city = zone.Id.Contains('/') ? zone.Id[(zone.Id.LastIndexOf('/') + 1)..].Replace('_', ' ') : zone.Id;
        var name = zone.GetZoneInterval(Instant.FromDateTimeOffset(at)).Name;
        if (name.Length > 0 && (name[0] == '+' || name[0] == '-'))
        {
            name = "UTC" + name;
        }
        return name == city ? city : $"{city} ({name})";
    }

    /// <summary>A wall-clock time in the current culture, with a .NET format such as "ddd HH:mm".</summary>
    public static string Format(LocalDateTime local, string format) =>
        local.ToDateTimeUnspecified().ToString(format, CultureInfo.CurrentCulture);

    public static string Format(LocalDate date, string format) =>
        date.ToDateTimeUnspecified().ToString(format, CultureInfo.CurrentCulture);
}
