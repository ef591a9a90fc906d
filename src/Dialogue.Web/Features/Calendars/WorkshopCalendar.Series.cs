using Dialogue.Data.Digests;
using Dialogue.Web.Features.Workshops.Series;
using Ical.Net.DataTypes;
using NodaTime;

namespace Dialogue.Web.Features.Calendars;

/// <summary>A workshop's occurrence as the series calendar needs it: its place in the rule and its own wall-clock times.</summary>
public sealed record SeriesOccurrenceEntry(int Index, NodaTime.LocalDateTime LocalStart, NodaTime.LocalDateTime LocalEnd, CalendarEntry Entry);

public sealed partial class WorkshopCalendar
{
    public string UidOfSeries(long seriesId) => $"series-{seriesId}@{new Uri(app.Value.PublicUrl).Host}";

    /// <summary>
    /// A series as one recurring event: the rule's first occurrence with its RRULE, an EXDATE for each cancelled occurrence,
    /// and a RECURRENCE-ID event for each occurrence changed on its own (times, title, place or description). Every event
    /// carries the series' SEQUENCE and what the label's email column allows, as a single workshop's .ics does.
    /// </summary>
    /// <param name="sequence">The series' own, plus every occurrence's: it grows with any change to any of them.</param>
    public string ForSeries(long seriesId, SeriesRule rule, string timeZoneId, int sequence, IReadOnlyList<SeriesOccurrenceEntry> occurrences, DigestEmailSettings site)
    {
        var calendar = NewCalendar();
        calendar.Method = "PUBLISH";
        var inRule = occurrences.Where(o => o.Index < rule.Count).OrderBy(o => o.Index).ToList();
        if (inRule.Count == 0)
        {
            return Serialize(calendar);
        }
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZoneId) ?? DateTimeZone.Utc;
        var utc = zone == DateTimeZone.Utc || zone.Id is "Etc/UTC" or "UTC";
        var planned = rule.Occurrences(zone);
        var template = (inRule.FirstOrDefault(o => o.Index == 0) ?? inRule[0]).Entry;
        var uid = UidOfSeries(seriesId);
        var path = $"/Workshops/Series/{seriesId}";
        var master = Add(calendar, template with
        {
            StartsAt = planned[0].StartsAt,
            EndsAt = planned[0].EndsAt,
            Sequence = sequence,
            CancelledAt = null,
            UpdatedAt = inRule.Max(o => o.Entry.UpdatedAt),
        }, site, uid, path);
        master.RecurrenceRule = new RecurrenceRule(rule.ToRRule());
        foreach (var occurrence in inRule)
        {
            var original = At(planned[occurrence.Index].StartsAt, zone, utc);
            if (occurrence.Entry.CancelledAt is not null)
            {
                master.ExceptionDates.Add(original);
            }
            else if (ChangedOnItsOwn(occurrence, planned[occurrence.Index], template))
            {
                var changed = Add(calendar, occurrence.Entry with { Sequence = sequence }, site, uid, $"/Workshops/{occurrence.Entry.Id}");
                changed.RecurrenceIdentifier = new RecurrenceIdentifier(original, null);
            }
        }
        return Serialize(calendar);
    }

    private static bool ChangedOnItsOwn(SeriesOccurrenceEntry occurrence, SeriesRule.Occurrence planned, CalendarEntry template) =>
        occurrence.LocalStart != planned.LocalStart || occurrence.LocalEnd != planned.LocalEnd
        || occurrence.Entry.Title != template.Title || occurrence.Entry.Venue != template.Venue
        || occurrence.Entry.OnlineLink != template.OnlineLink || occurrence.Entry.DescriptionHtml != template.DescriptionHtml;
}
