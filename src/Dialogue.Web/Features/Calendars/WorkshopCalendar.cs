using System.Net;
using System.Text.RegularExpressions;
using Dialogue.Data.Digests;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Infrastructure;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Dialogue.Web.Features.Calendars;

/// <summary>
/// Writes workshops as RFC 5545 calendars: each event in its organiser's zone with that zone's VTIMEZONE, a UID that
/// never changes (workshop-{id}@{host}), SEQUENCE from the workshop, and only what the label's email column allows
/// (<see cref="AccessPolicy.CalendarDetailFor"/>), in the language of whoever it is written for.
/// </summary>
public sealed partial class WorkshopCalendar(IOptions<AppOptions> app, IStringLocalizer<Text> text, TimeProvider clock)
{
    public const string ContentType = "text/calendar; charset=utf-8";
    public const int ShortExcerptLength = 140;

    public string UidOf(long workshopId) => $"workshop-{workshopId}@{new Uri(app.Value.PublicUrl).Host}";

    /// <summary>
    /// One workshop, as a download or an attachment: METHOD:CANCEL once cancelled, so a calendar removes it. An attachment
    /// to a notice is an update (<paramref name="invitation"/>: METHOD:REQUEST), which a mail client applies to the event
    /// with the same UID and a lower SEQUENCE.
    /// </summary>
    public string ForWorkshop(CalendarEntry entry, DigestEmailSettings site, bool invitation = false)
    {
        var calendar = NewCalendar();
        calendar.Method = entry.CancelledAt is not null ? "CANCEL" : invitation ? "REQUEST" : "PUBLISH";
        Add(calendar, entry, site);
        return Serialize(calendar);
    }

    /// <summary>A subscribed feed: cancelled workshops stay in it as STATUS:CANCELLED so subscribers see them go.</summary>
    public string Feed(IEnumerable<CalendarEntry> entries, DigestEmailSettings site)
    {
        var calendar = NewCalendar();
        calendar.Method = "PUBLISH";
        calendar.AddProperty("X-WR-CALNAME", text["Dialogue workshops"]);
        foreach (var entry in entries)
        {
            Add(calendar, entry, site);
        }
        return Serialize(calendar);
    }

    private static Calendar NewCalendar() => new() { ProductId = "-//Dialogue//Workshops//EN" };

    /// <param name="uid">Another UID than the workshop's (a series' events share the series' one).</param>
    /// <param name="path">Another page to link than the workshop's (a series links its own).</param>
    private CalendarEvent Add(Calendar calendar, CalendarEntry entry, DigestEmailSettings site, string? uid = null, string? path = null)
    {
        var detail = AccessPolicy.CalendarDetailFor(entry.Label, site);
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(entry.TimeZoneId) ?? DateTimeZone.Utc;
        var utc = zone == DateTimeZone.Utc || zone.Id is "Etc/UTC" or "UTC";
        if (!utc && !calendar.TimeZones.Any(t => t.TzId == zone.Id))
        {
            calendar.AddTimeZone(VTimeZone.FromDateTimeZone(zone.Id, entry.StartsAt.UtcDateTime.AddYears(-1), includeHistoricalData: false));
        }
        var link = app.Value.Link(path ?? $"/Workshops/{entry.Id}");
        var calendarEvent = new CalendarEvent
        {
            Uid = uid ?? UidOf(entry.Id),
            Sequence = entry.Sequence,
            // The local time of the stored instant, not the organiser's input: a time a DST gap skipped is written as the
            // time it was shifted to, so every client arrives at the same instant.
            DtStart = At(entry.StartsAt, zone, utc),
            DtEnd = At(entry.EndsAt, zone, utc),
            DtStamp = new CalDateTime(clock.GetUtcNow().UtcDateTime, "UTC"),
            LastModified = new CalDateTime(entry.UpdatedAt.UtcDateTime, "UTC"),
            Status = entry.CancelledAt is null ? EventStatus.Confirmed : EventStatus.Cancelled,
            Summary = detail switch
            {
                CalendarDetail.TimesOnly => text["Dialogue workshop"],
                CalendarDetail.RestrictedNotice => text["Restricted workshop"],
                _ => entry.Title,
            },
        };
        if (detail != CalendarDetail.TimesOnly)
        {
            calendarEvent.Url = new Uri(link);
        }
        var plain = PlainText(entry.DescriptionHtml);
        var description = detail switch
        {
            CalendarDetail.Full => EmailRule.Excerpt(plain),
            CalendarDetail.TitleAndShortExcerpt => Cut(EmailRule.Excerpt(plain), ShortExcerptLength),
            _ => "",
        };
        if (detail != CalendarDetail.TimesOnly)
        {
            calendarEvent.Description = description.Length == 0 ? link : description + "\n\n" + link;
        }
        if (detail == CalendarDetail.Full)
        {
            calendarEvent.Location = entry.Venue ?? entry.OnlineLink;
        }
        calendar.Events.Add(calendarEvent);
        return calendarEvent;
    }

    private static CalDateTime At(DateTimeOffset instant, DateTimeZone zone, bool utc)
    {
        if (utc)
        {
            return new CalDateTime(instant.UtcDateTime, "UTC");
        }
        var local = Instant.FromDateTimeOffset(instant).InZone(zone).LocalDateTime.ToDateTimeUnspecified();
        return new CalDateTime(local, zone.Id);
    }

    private static string Serialize(Calendar calendar) => new CalendarSerializer().SerializeToString(calendar) ?? "";

    /// <summary>The sanitised description as text: tags dropped, entities decoded, whitespace flattened by the excerpt.</summary>
    public static string PlainText(string html) => WebUtility.HtmlDecode(Tag().Replace(html, " "));

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..(max - 1)].TrimEnd() + "…";

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();
}
