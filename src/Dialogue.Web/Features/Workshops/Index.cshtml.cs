using Dialogue.Data;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Workshops;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Dialogue.Web.Features.Workshops;

/// <summary>
/// Upcoming and past workshops the viewer may read, or a month or week of them laid out by the viewer's local days
/// (a workshop that spans the viewer's midnight is on both days).
/// </summary>
public class IndexModel(DialogueDbContext db, CurrentViewer current, ViewerTime viewerTime, TimeProvider clock) : PageModel
{
    public const int ListSize = 50;

    public sealed record Row(long Id, string Title, SensitivityLabel Label, string SpaceName, string TimeZoneId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, bool Cancelled, int? Capacity, int Registered);

    public string View { get; private set; } = "list";
    public IReadOnlyList<Row> Upcoming { get; private set; } = [];
    public IReadOnlyList<Row> Past { get; private set; } = [];
    /// <summary>The month or week shown: its days in the viewer's zone, each with the workshops touching it.</summary>
    public IReadOnlyList<(LocalDate Date, IReadOnlyList<Row> Workshops)> Days { get; private set; } = [];
    public LocalDate Anchor { get; private set; }
    public LocalDate Previous { get; private set; }
    public LocalDate Next { get; private set; }
    public LocalDate Today { get; private set; }
    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;
    public bool CanSchedule { get; private set; }

    public static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);

    public async Task<IActionResult> OnGetAsync(string? view, string? date, CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        CanSchedule = viewer.IsApproved && viewer.MemberSpaceIds().Any(id => AccessPolicy.CanCreateWorkshop(viewer, id, User.IsInRole(Dialogue.Data.Accounts.Roles.Organiser)));
        Zone = WorkshopTime.ZoneOf(viewerTime.Zone);
        var now = clock.GetUtcNow();
        Today = WorkshopTime.InZone(now, Zone).Date;
        var anchor = date is not null && LocalDatePattern.Iso.Parse(date) is { Success: true } parsed ? parsed.Value : Today;
        var visible = db.Workshops.AsNoTracking().VisibleTo(viewer);
        switch (view)
        {
            case "month":
                View = "month";
                Anchor = new LocalDate(anchor.Year, anchor.Month, 1);
                (Previous, Next) = (Anchor.PlusMonths(-1), Anchor.PlusMonths(1));
                var first = Anchor.Previous(IsoDayOfWeek.Monday).PlusDays(Anchor.DayOfWeek == IsoDayOfWeek.Monday ? 7 : 0);
                var last = Next.PlusDays(-1);
                last = last.DayOfWeek == IsoDayOfWeek.Sunday ? last : last.Next(IsoDayOfWeek.Sunday);
                await LayOutAsync(visible, first, last, ct);
                break;
            case "week":
                View = "week";
                Anchor = anchor.DayOfWeek == IsoDayOfWeek.Monday ? anchor : anchor.Previous(IsoDayOfWeek.Monday);
                (Previous, Next) = (Anchor.PlusWeeks(-1), Anchor.PlusWeeks(1));
                await LayOutAsync(visible, Anchor, Anchor.PlusDays(6), ct);
                break;
            default:
                Upcoming = await Rows(visible.Where(w => w.EndsAt >= now).OrderBy(w => w.StartsAt)).Take(ListSize).ToListAsync(ct);
                Past = await Rows(visible.Where(w => w.EndsAt < now).OrderByDescending(w => w.StartsAt)).Take(20).ToListAsync(ct);
                break;
        }
        return Page();
    }

    private async Task LayOutAsync(IQueryable<Workshop> visible, LocalDate first, LocalDate last, CancellationToken ct)
    {
        var from = Zone.AtStartOfDay(first).ToDateTimeOffset().ToUniversalTime();
        var to = Zone.AtStartOfDay(last.PlusDays(1)).ToDateTimeOffset().ToUniversalTime();
        var rows = await Rows(visible.Where(w => w.StartsAt < to && w.EndsAt > from).OrderBy(w => w.StartsAt)).Take(500).ToListAsync(ct);
        var days = new List<(LocalDate, IReadOnlyList<Row>)>();
        var byDay = rows.SelectMany(r => WorkshopTime.DaysTouched(r.StartsAt, r.EndsAt, Zone).Select(d => (Day: d, Row: r)))
            .ToLookup(x => x.Day, x => x.Row);
        for (var day = first; day <= last; day = day.PlusDays(1))
        {
            days.Add((day, byDay[day].ToList()));
        }
        Days = days;
    }

    private static IQueryable<Row> Rows(IQueryable<Workshop> workshops) =>
        workshops.Select(w => new Row(w.Id, w.Title, w.Label, w.Space!.Name, w.TimeZoneId, w.StartsAt, w.EndsAt, w.CancelledAt != null, w.Capacity,
            w.Registrations.Count(r => r.Status == WorkshopRegistrationStatus.Registered)));
}
