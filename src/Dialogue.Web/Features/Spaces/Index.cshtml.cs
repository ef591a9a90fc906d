using Dialogue.Data;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Spaces;

public class IndexModel(DialogueDbContext db, CurrentViewer current) : PageModel
{
    public sealed record Row(long Id, string Name, string Slug, string Description, SensitivityLabel DefaultLabel, SpaceJoinPolicy JoinPolicy, SpaceMemberStatus? Membership);

    public IReadOnlyList<Row> Spaces { get; private set; } = [];
    public Viewer Viewer { get; private set; } = Viewer.Anonymous;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Viewer = await current.GetAsync(ct);
        var userId = Viewer.UserId;
        Spaces = await db.Spaces.AsNoTracking().VisibleTo(Viewer)
            .OrderBy(s => s.Name)
            .Select(s => new Row(s.Id, s.Name, s.Slug, s.Description, s.DefaultLabel, s.JoinPolicy,
                s.Members.Where(m => m.UserId == userId).Select(m => (SpaceMemberStatus?)m.Status).FirstOrDefault()))
            .ToListAsync(ct);
    }
}
