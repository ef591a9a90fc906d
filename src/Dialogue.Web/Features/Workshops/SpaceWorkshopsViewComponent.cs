using Dialogue.Data;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Workshops;

/// <summary>A space page's "Upcoming workshops": the next few of that space the viewer may read.</summary>
public sealed class SpaceWorkshopsViewComponent(DialogueDbContext db, CurrentViewer current, TimeProvider clock) : ViewComponent
{
    public const int Shown = 5;

    public sealed record Model(long SpaceId, bool CanSchedule, IReadOnlyList<IndexModel.Row> Rows);

    public async Task<IViewComponentResult> InvokeAsync(long spaceId)
    {
        var ct = HttpContext.RequestAborted;
        var viewer = await current.GetAsync(ct);
        var now = clock.GetUtcNow();
        var rows = await db.Workshops.AsNoTracking().VisibleTo(viewer)
            .Where(w => w.SpaceId == spaceId && w.EndsAt >= now && w.CancelledAt == null)
            .OrderBy(w => w.StartsAt).Take(Shown)
            .Select(w => new IndexModel.Row(w.Id, w.Title, w.Label, w.Space!.Name, w.TimeZoneId, w.StartsAt, w.EndsAt, false, w.Capacity,
                w.Registrations.Count(r => r.Status == Dialogue.Data.Workshops.WorkshopRegistrationStatus.Registered)))
            .ToListAsync(ct);
        var canSchedule = AccessPolicy.CanCreateWorkshop(viewer, spaceId, UserClaimsPrincipal.IsInRole(Dialogue.Data.Accounts.Roles.Organiser));
        return View("/Features/Workshops/_SpaceWorkshops.cshtml", new Model(spaceId, canSchedule, rows));
    }
}
