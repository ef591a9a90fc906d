using Dialogue.Data;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Privacy;

/// <summary>A space's share of the access log, for its moderators (and admins): who read its sensitive threads, and who revealed identities.</summary>
public class SpaceAccessLogModel(DialogueDbContext db, CurrentViewer current, AccessLogQuery query) : PageModel
{
    [BindProperty(SupportsGet = true)] public AccessLogFilterInput Input { get; set; } = new();
    public AccessLogView View { get; private set; } = null!;
    public string SpaceName { get; private set; } = "";
    public string SpaceSlug { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long spaceId, CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        var space = await db.Spaces.AsNoTracking().VisibleTo(viewer).Where(s => s.Id == spaceId).Select(s => new { s.Name, s.Slug }).SingleOrDefaultAsync(ct);
        if (space is null || !AccessPolicy.CanReviewSpaceAccessLog(viewer, spaceId))
        {
            return NotFound();
        }
        (SpaceName, SpaceSlug) = (space.Name, space.Slug);
        var (rows, more) = await query.PageAsync(viewer, Input.ToFilter(spaceId), Input.Page, ct);
        View = new AccessLogView("/Privacy/SpaceAccessLog", spaceId, Input, rows, more);
        return Page();
    }
}
