using Dialogue.Data;
using Dialogue.Web.Features.Threads;
using Dialogue.Web.Features.Threads.Markdown;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Privacy;

/// <summary>
/// Releases scheduled (embargoed) threads and replies, on time from a recurring job or early at their author's or a
/// moderator's request. Visibility needs no clock: the read rule hides anything whose EmbargoUntil is set, so a release
/// is a committed write — which also evicts the visitors' output cache, and which is where the notifications and
/// emails the post would have caused when written are created. Each release claims its row with a conditional UPDATE
/// (still embargoed, and due unless early) in the same transaction as those notifications: a second node, a retry or
/// a release-now racing the job updates no row and sends nothing, so they go out exactly once.
/// </summary>
public sealed class Embargoes(DialogueDbContext db, Notifier notifier, PostRenderer renderer, TimeProvider clock, ILogger<Embargoes> logger)
{
    public const string RecurringJobId = "embargo-release";
    private const int Batch = 200;

    /// <summary>The recurring job: everything whose time has come, oldest first.</summary>
    public async Task<int> ReleaseDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var threads = await db.Threads.AsNoTracking().Where(t => t.EmbargoUntil != null && t.EmbargoUntil <= now)
            .OrderBy(t => t.EmbargoUntil).Select(t => t.Id).Take(Batch).ToListAsync(ct);
        var posts = await db.Posts.AsNoTracking().Where(p => p.EmbargoUntil != null && p.EmbargoUntil <= now)
            .OrderBy(p => p.EmbargoUntil).Select(p => p.Id).Take(Batch).ToListAsync(ct);
        var released = 0;
        foreach (var id in threads)
        {
            released += await ReleaseThreadAsync(id, early: false, ct) ? 1 : 0;
        }
        foreach (var id in posts)
        {
            released += await ReleasePostAsync(id, early: false, ct) ? 1 : 0;
        }
        if (released > 0)
        {
            logger.LogInformation("Released {Count} scheduled threads and posts", released);
        }
        return released;
    }

    /// <summary>Publishes the thread now (early) or when due; false when it was not (or no longer) scheduled.</summary>
    public async Task<bool> ReleaseThreadAsync(long threadId, bool early, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // It appears when released: its dates become the release time, so lists, digests and feeds treat it as new then.
        var claimed = await db.Threads
            .Where(t => t.Id == threadId && t.EmbargoUntil != null && (early || t.EmbargoUntil <= now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.EmbargoUntil, (DateTimeOffset?)null)
                .SetProperty(t => t.CreatedAt, now)
                .SetProperty(t => t.LastActivityAt, now), ct);
        if (claimed == 0)
        {
            return false;
        }
        await db.Posts.Where(p => p.ThreadId == threadId && p.Number == 1).ExecuteUpdateAsync(s => s.SetProperty(p => p.CreatedAt, now), ct);
        var thread = await db.Threads.AsNoTracking().Include(t => t.Participants).SingleAsync(t => t.Id == threadId, ct);
        var first = await db.Posts.AsNoTracking().SingleAsync(p => p.ThreadId == threadId && p.Number == 1, ct);
        await NotifyAsync(thread, first, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Publishes the reply now (early) or when due; false when it was not (or no longer) scheduled.</summary>
    public async Task<bool> ReleasePostAsync(long postId, bool early, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Posts
            .Where(p => p.Id == postId && p.EmbargoUntil != null && (early || p.EmbargoUntil <= now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.EmbargoUntil, (DateTimeOffset?)null)
                .SetProperty(p => p.CreatedAt, now), ct);
        if (claimed == 0)
        {
            return false;
        }
        var post = await db.Posts.AsNoTracking().SingleAsync(p => p.Id == postId, ct);
        await db.Threads.Where(t => t.Id == post.ThreadId).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastActivityAt, now), ct);
        var thread = await db.Threads.AsNoTracking().Include(t => t.Participants).SingleAsync(t => t.Id == post.ThreadId, ct);
        await NotifyAsync(thread, post, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Moves a scheduled thread's time; false when it is no longer scheduled (released meanwhile).</summary>
    public async Task<bool> RescheduleThreadAsync(long threadId, DateTimeOffset until, CancellationToken ct) =>
        await db.Threads.Where(t => t.Id == threadId && t.EmbargoUntil != null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.EmbargoUntil, until), ct) == 1;

    /// <summary>Moves a scheduled reply's time; false when it is no longer scheduled (released meanwhile).</summary>
    public async Task<bool> ReschedulePostAsync(long postId, DateTimeOffset until, CancellationToken ct) =>
        await db.Posts.Where(p => p.Id == postId && p.EmbargoUntil != null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.EmbargoUntil, until), ct) == 1;

    /// <summary>
    /// What posting would have sent, sent now, judged as each recipient is now. A post still waiting for review notifies
    /// at its approval instead; a reply inside a thread that is itself still scheduled notifies nobody (the thread's
    /// release announces the thread).
    /// </summary>
    private async Task NotifyAsync(Data.Threads.DiscussionThread thread, Data.Threads.Post post, CancellationToken ct)
    {
        if (post.Status != Data.Threads.PostStatus.Approved || post.IsDeleted)
        {
            return;
        }
        var facts = Posting.Facts(thread);
        var rendered = await renderer.RenderAsync(post.Source, facts, null, ct);
        await notifier.PostAddedAsync(facts, thread.Id, thread.Title, post, rendered.MentionedUserIds, ct);
    }
}
