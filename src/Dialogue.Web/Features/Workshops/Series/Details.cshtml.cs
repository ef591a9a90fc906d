using Dialogue.Data;
using Dialogue.Data.Workshops;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Dialogue.Web.Features.Workshops.Series;

/// <summary>A series: its rule in the organiser's words and every occurrence the viewer may read, in the viewer's zone.</summary>
public class DetailsModel(DialogueDbContext db, CurrentViewer current, SeriesLoader loader, ViewerTime viewerTime, IStringLocalizer<Text> text) : PageModel
{
    public SeriesLoader.Summary Series { get; private set; } = null!;
    public IReadOnlyList<IndexModel.Row> Occurrences { get; private set; } = [];
    public DateTimeZone ViewerZone => WorkshopTime.ZoneOf(viewerTime.Zone);
    /// <summary>"Every Tuesday, 09:00–10:30 in Europe/London" in the viewer's language.</summary>
    public string RuleText { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long seriesId, CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        if (await loader.FindAsync(seriesId, viewer, ct) is not { } series)
        {
            return NotFound();
        }
        Series = series;
        // The occurrences of the series and of the series it was split from share nothing but this id; each is still read through the policy.
        Occurrences = await db.Workshops.AsNoTracking().VisibleTo(viewer).Where(w => w.SeriesId == seriesId)
            .OrderBy(w => w.StartsAt)
            .Select(w => new IndexModel.Row(w.Id, w.Title, w.Label, w.Space!.Name, w.TimeZoneId, w.StartsAt, w.EndsAt, w.CancelledAt != null, w.Capacity,
                w.Registrations.Count(r => r.Status == WorkshopRegistrationStatus.Registered)))
            .ToListAsync(ct);
        RuleText = Describe(series.Rule, series.TimeZoneId);
        return Page();
    }

    private string Describe(SeriesRule rule, string zone)
    {
        var weekday = System.Globalization.CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(NodaTime.Utility.BclConversions.ToDayOfWeek(rule.Weekday));
        var repeats = rule.Frequency switch
        {
            SeriesFrequency.Weekly => text["Every {0}", weekday],
            SeriesFrequency.Fortnightly => text["Every other {0}", weekday],
            _ => rule.WeekOfMonth switch
            {
                1 => text["The first {0} of every month", weekday],
                2 => text["The second {0} of every month", weekday],
                3 => text["The third {0} of every month", weekday],
                4 => text["The fourth {0} of every month", weekday],
                _ => text["The last {0} of every month", weekday],
            },
        };
        return text["{0}, {1}–{2} in {3}, {4} workshops", repeats, WorkshopTime.Format(rule.FirstStart, "HH:mm"), WorkshopTime.Format(rule.FirstEnd, "HH:mm"), zone, rule.Count];
    }
}
