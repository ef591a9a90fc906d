using Dialogue.Data;
using Dialogue.Data.Moderation;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Moderation;

/// <summary>
/// The moderation log, newest first, paged: admins read all of it, space moderators the entries of their spaces
/// (<see cref="Visible"/>). A thread's title is shown only when the viewer may read the thread.
/// </summary>
public class LogModel(DialogueDbContext db, CurrentViewer current) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(DateTimeOffset At, ModerationAction Action, string? ActorName, string? SpaceName, long? ThreadId, string? ThreadTitle,
        long? PostId, string? TargetName, string? Reason, string? Details);

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
            .Select(e => new Row(e.At, e.Action,
                db.Users.Where(u => u.Id == e.ActorId).Select(u => u.DisplayName).FirstOrDefault(),
                db.Spaces.Where(s => s.Id == e.SpaceId).Select(s => s.Name).FirstOrDefault(),
                e.ThreadId,
                threads.Where(t => t.Id == e.ThreadId).Select(t => t.Title).FirstOrDefault(),
                e.PostId,
                db.Users.Where(u => u.Id == e.TargetUserId).Select(u => u.DisplayName).FirstOrDefault(),
                e.Reason, e.Details))
            .ToListAsync(ct);
        HasMore = rows.Count > PageSize;
        Rows = rows.Take(PageSize).ToList();
        return Page();
    }
}
