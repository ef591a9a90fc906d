using Dialogue.Data;
using Dialogue.Data.Privacy;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Threads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Privacy;

/// <summary>
/// Read receipts of a RED thread, for the people who may read it: who opened it (on any audited surface), how often and
/// when last, from the access log. Moderators' reveals are not reads and are left out here (they are in the log).
/// Under the Chatham House Rule nobody is named here, moderators included (their reveal on the thread page is the
/// audited way to see who is who): a reader shows as their pseudonym in the thread, or "A participant" when they have
/// none (they read but never wrote or were mentioned), with no avatar or profile link.
/// </summary>
public class ReadByModel(DialogueDbContext db, CurrentViewer current, Pseudonyms pseudonyms) : PageModel
{
    public sealed record Reader(string UserId, string Name, int Reads, DateTimeOffset LastReadAt, int? Pseudonym = null);

    public bool ChathamHouse { get; private set; }

    public long ThreadId { get; private set; }
    public string ThreadTitle { get; private set; } = "";
    public IReadOnlyList<Reader> Readers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long threadId, CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        var thread = await db.Threads.AsNoTracking().VisibleTo(viewer).Include(t => t.Participants).SingleOrDefaultAsync(t => t.Id == threadId, ct);
        if (thread is null || !AccessPolicy.CanSeeReadReceipts(viewer, Posting.Facts(thread)))
        {
            return NotFound();
        }
        (ThreadId, ThreadTitle) = (thread.Id, thread.Title);
        var reads = await db.ThreadAccessLog.AsNoTracking()
            .Where(e => e.ThreadId == threadId && e.Surface != AccessSurface.Reveal)
            .GroupBy(e => e.UserId)
            .Select(g => new { UserId = g.Key, Reads = g.Count(), Last = g.Max(e => e.At) })
            .Join(db.Users, g => g.UserId, u => u.Id, (g, u) => new Reader(g.UserId, u.DisplayName, g.Reads, g.Last,
                db.ThreadPseudonyms.Where(x => x.ThreadId == threadId && x.UserId == g.UserId).Select(x => (int?)x.Number).FirstOrDefault()))
            .ToListAsync(ct);
        ChathamHouse = thread.ChathamHouse;
        if (ChathamHouse)
        {
            reads = [.. reads.Select(r => r with { UserId = "", Name = pseudonyms.Name(r.Pseudonym) })];
        }
        Readers = [.. reads.OrderByDescending(r => r.LastReadAt)];
        return Page();
    }
}
