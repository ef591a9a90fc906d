using System.Text;
using Dialogue.Data;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Calendars;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Workshops.Series;

/// <summary>A series as one recurring .ics (RRULE, EXDATE, RECURRENCE-ID), for whoever may read it, carrying only what its label's email column allows.</summary>
public class CalendarModel(DialogueDbContext db, CurrentViewer current, SeriesLoader loader, WorkshopCalendar calendar) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long seriesId, CancellationToken ct)
    {
        if (await loader.FindAsync(seriesId, await current.GetAsync(ct), ct) is not { } series)
        {
            return NotFound();
        }
        var rows = await db.Workshops.AsNoTracking().Where(w => w.SeriesId == seriesId && w.OccurrenceIndex != null)
            .Select(w => new
            {
                Index = w.OccurrenceIndex!.Value,
                w.LocalStart,
                w.LocalEnd,
                Entry = new CalendarEntry(
                w.Id, w.Title, w.DescriptionHtml, w.Label, w.TimeZoneId, w.StartsAt, w.EndsAt, w.Sequence, w.CancelledAt, w.UpdatedAt, w.Venue, w.OnlineLink)
            })
            .ToListAsync(ct);
        var occurrences = rows.Select(r => new SeriesOccurrenceEntry(r.Index, r.LocalStart, r.LocalEnd, r.Entry)).ToList();
        var sequence = series.Sequence + occurrences.Sum(o => o.Entry.Sequence);
        var site = await EmailRule.SiteAsync(db, ct);
        Response.Headers.CacheControl = "private, no-store";
        return File(Encoding.UTF8.GetBytes(calendar.ForSeries(seriesId, series.Rule, series.TimeZoneId, sequence, occurrences, site)),
            WorkshopCalendar.ContentType, $"series-{seriesId}.ics");
    }
}
