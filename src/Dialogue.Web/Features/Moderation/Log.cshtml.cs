using Dialogue.Data;
using Dialogue.Data.Moderation;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Moderation;

/// <summary>
/// The moderation log, newest first, paged: admins read all of it, space moderators the entries of their spaces
/// (<see cref="Visible"/>). Everyone who may open the log sees what was done, when, by which moderator, and the ids;
/// the thread's title, the reason and the member's name only when the viewer may read the thread (the access policy's
/// query form), since a reason quotes the thread and a name says who writes in a RED thread. Admins have no reading
/// exception here either.
/// </summary>
public class LogModel(DialogueDbContext db, CurrentViewer current) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(DateTimeOffset At, ModerationAction Action, string? ActorName, string? SpaceName, long? ThreadId, string? ThreadTitle,
        long? PostId, string? TargetName, string? Reason, string? Details, bool Withheld);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;
    public bool HasMore { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? p, CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        if (!QueueModel.Moderates(viewer))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        PageNumber = Math.Max(1, p ?? 1);
        var threads = db.Threads.AsNoTracking().VisibleTo(viewer);
        var rows = await db.ModerationLog.AsNoTracking().VisibleTo(viewer)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(e => new
            {
                Entry = e,
                Readable = e.ThreadId == null || threads.Any(t => t.Id == e.ThreadId),
            })
            .Select(x => new Row(x.Entry.At, x.Entry.Action,
                db.Users.Where(u => u.Id == x.Entry.ActorId).Select(u => u.DisplayName).FirstOrDefault(),
                db.Spaces.Where(s => s.Id == x.Entry.SpaceId).Select(s => s.Name).FirstOrDefault(),
                x.Entry.ThreadId,
                threads.Where(t => t.Id == x.Entry.ThreadId).Select(t => t.Title).FirstOrDefault(),
                x.Entry.PostId,
                x.Readable ? db.Users.Where(u => u.Id == x.Entry.TargetUserId).Select(u => u.DisplayName).FirstOrDefault() : null,
                x.Readable ? x.Entry.Reason : null,
                x.Entry.Details,
                !x.Readable && (x.Entry.Reason != null || x.Entry.TargetUserId != null)))
            .ToListAsync(ct);
        HasMore = rows.Count > PageSize;
        Rows = rows.Take(PageSize).ToList();
        return Page();
    }
}
