using System.Globalization;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Dialogue.Web.Features.Workshops.Polls;

/// <summary>A slot's wall-clock time as a member reads it, in the current language's own date pattern.</summary>
public static class PollFormat
{
    public static string When(LocalDateTime local, IStringLocalizer<Text> text) =>
        local.ToDateTimeUnspecified().ToString(text["ddd d MMM yyyy, HH:mm"], CultureInfo.CurrentCulture);

    /// <summary>Short, for grid cells: the day and the time.</summary>
    public static string Brief(LocalDateTime local, IStringLocalizer<Text> text) =>
        local.ToDateTimeUnspecified().ToString(text["ddd d MMM, HH:mm"], CultureInfo.CurrentCulture);

    /// <summary>"Tue 2 Dec 2026, 09:00 Shanghai (UTC+08:00)".</summary>
    public static string WhenIn(DateTimeOffset instant, string zoneId, IStringLocalizer<Text> text)
    {
        var zone = PollTimes.ZoneOrUtc(zoneId);
        return $"{When(PollTimes.InZone(instant, zone), text)} {PollTimes.City(zone.Id)} ({PollTimes.OffsetAt(instant, zone)})";
    }
}
