using System.Text;
using Dialogue.Data;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Workshops;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Calendars;

/// <summary>One workshop as an .ics file, for whoever may read it, carrying only what its label's email column allows.</summary>
public class WorkshopModel(DialogueDbContext db, CurrentViewer current, WorkshopLoader loader, WorkshopCalendar calendar) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long workshopId, CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        if (await loader.FindAsync(workshopId, viewer, ct) is null)
        {
            return NotFound();
        }
        var entry = await db.Workshops.AsNoTracking().Where(w => w.Id == workshopId).Select(CalendarFeeds.Projection).SingleAsync(ct);
        var site = await EmailRule.SiteAsync(db, ct);
        Response.Headers.CacheControl = "private, no-store";
        return File(Encoding.UTF8.GetBytes(calendar.ForWorkshop(entry, site)), WorkshopCalendar.ContentType, $"workshop-{workshopId}.ics");
    }
}
