using Dialogue.Data;
using Dialogue.Data.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Privacy;

/// <summary>
/// Purges the content of threads whose last activity is older than their retention period (the thread's own, else its
/// space's). What goes: the title (it becomes "[expired]"), every post's text in all its forms, earlier versions, the
/// search index entries, notifications about the thread, and mail about it (queued mail deleted, sent copies emptied).
/// What stays: the thread and post rows with their dates, authors and statuses, and the moderation log.
/// Each thread is purged in one transaction that first records a <see cref="RetentionPurge"/>, so a second run, a retry
/// or a second node skips it.
/// </summary>
public sealed class RetentionJob(DialogueDbContext db, TimeProvider clock, ILogger<RetentionJob> logger)
{
    public const string RecurringJobId = "retention-purge";
    public const string ExpiredTitle = "[expired]";

    public async Task<int> PurgeDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Only threads under a retention period are read, and their dates compared here: few rows, and no date
        // arithmetic that SQLite's integer instants and PostgreSQL would write differently.
        var candidates = await db.Threads.AsNoTracking()
            .Where(t => !db.RetentionPurges.Any(p => p.ThreadId == t.Id))
            .Select(t => new
            {
                t.Id,
                t.LastActivityAt,
                Days = db.RetentionPeriods.Where(r => r.ThreadId == t.Id).Select(r => (int?)r.Days).FirstOrDefault()
                    ?? db.RetentionPeriods.Where(r => r.SpaceId == t.SpaceId).Select(r => (int?)r.Days).FirstOrDefault(),
            })
            .Where(t => t.Days != null)
            .ToListAsync(ct);
        var purged = 0;
        foreach (var thread in candidates.Where(t => t.LastActivityAt.AddDays(t.Days!.Value) <= now).OrderBy(t => t.Id))
        {
            if (await PurgeAsync(thread.Id, thread.Days!.Value, ct))
            {
                purged++;
            }
        }
        if (purged > 0 && db.Database.IsSqlite())
        {
            // FTS5 keeps deleted terms in its segments until they are merged; merging now leaves them in freed pages,
            // which secure_delete overwrites.
            await db.Database.ExecuteSqlRawAsync("INSERT INTO PostSearch(PostSearch) VALUES('optimize');", ct);
        }
        logger.LogInformation("Retention purged the content of {Count} threads", purged);
        return purged;
    }

    private async Task<bool> PurgeAsync(long threadId, int days, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.RetentionPurges.AnyAsync(p => p.ThreadId == threadId, ct))
        {
            return false;
        }
        var postIds = db.Posts.Where(p => p.ThreadId == threadId).Select(p => p.Id);
        db.RetentionPurges.Add(new RetentionPurge
        {
            ThreadId = threadId,
            PurgedAt = clock.GetUtcNow(),
            PostsPurged = await postIds.CountAsync(ct),
            Days = days,
        });
        await db.SaveChangesAsync(ct);

        await db.Threads.Where(t => t.Id == threadId).ExecuteUpdateAsync(u => u.SetProperty(t => t.Title, ExpiredTitle), ct);
        await db.Posts.Where(p => p.ThreadId == threadId).ExecuteUpdateAsync(u => u
            .SetProperty(p => p.Source, "")
            .SetProperty(p => p.PlainText, "")
            .SetProperty(p => p.Html, ""), ct);
        await db.PostRevisions.Where(r => postIds.Contains(r.PostId)).ExecuteDeleteAsync(ct);
        await db.Notifications.Where(n => n.ThreadId == threadId || (n.PostId != null && postIds.Contains(n.PostId.Value))).ExecuteDeleteAsync(ct);
        var mail = db.OutboxMessages.Where(m => m.Threads.Any(c => c.ThreadId == threadId));
        await mail.Where(m => m.SentAt == null).ExecuteDeleteAsync(ct);
        // A sent message stays as the record that it was sent (the digest ledger points at it), without its words.
        await mail.ExecuteUpdateAsync(u => u
            .SetProperty(m => m.Subject, ExpiredTitle)
            .SetProperty(m => m.HtmlBody, "")
            .SetProperty(m => m.TextBody, ""), ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
