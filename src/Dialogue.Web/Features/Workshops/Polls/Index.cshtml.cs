using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Workshops.Polls;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Workshops.Polls;

/// <summary>The polls the viewer organises or is invited to, open ones first; nothing else exists for them.</summary>
public class IndexModel(DialogueDbContext db, CurrentViewer current) : PageModel
{
    public const int Shown = 100;

    public sealed record Row(long Id, string Title, SensitivityLabel Label, string SpaceName, WorkshopPollStatus Status, bool Organising,
        int Slots, int Invitees, int Answered, bool AnsweredByMe, DateTimeOffset CreatedAt);

    public IReadOnlyList<Row> Polls { get; private set; } = [];
    public bool CanStart { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        var userId = viewer.UserId;
        Polls = await db.WorkshopPolls.AsNoTracking().VisibleTo(viewer)
            .OrderBy(p => p.Status).ThenByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Take(Shown)
            .Select(p => new Row(p.Id, p.Title, p.Label, p.Space!.Name, p.Status, p.OrganiserId == userId,
                p.Slots.Count, p.Invitees.Count,
                db.WorkshopPollAnswers.Where(a => a.PollId == p.Id).Select(a => a.UserId).Distinct().Count(),
                db.WorkshopPollAnswers.Any(a => a.PollId == p.Id && a.UserId == userId),
                p.CreatedAt))
            .ToListAsync(ct);
        var organiser = User.IsInRole(Roles.Organiser);
        CanStart = viewer.MemberSpaceIds().Any(id => AccessPolicy.CanStartPoll(viewer, organiser, id));
    }
}
