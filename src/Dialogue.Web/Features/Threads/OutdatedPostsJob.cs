using Dialogue.Data;
using Dialogue.Web.Features.Threads.Markdown;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Threads;

/// <summary>
/// Brings posts written by an older <see cref="MarkdownRenderer.Version"/> up to date, in batches: their HTML and
/// their plain text (which the search index is refilled from, by its update trigger). Enqueued at start-up when
/// there is anything to do. Until it reaches a post, pages render that post in memory (a read writes nothing).
/// Safe to run twice or on two nodes at once: each post is written only while it is still outdated, so an edit
/// made meanwhile is never overwritten.
/// </summary>
public sealed class OutdatedPostsJob(DialogueDbContext db, PostRenderer renderer, ILogger<OutdatedPostsJob> logger)
{
    public const int BatchSize = 200;

    public static async Task EnqueueIfNeededAsync(DialogueDbContext db, IBackgroundJobClient jobs, CancellationToken ct)
    {
        if (await db.Posts.AnyAsync(p => p.RendererVersion < MarkdownRenderer.Version, ct))
        {
            jobs.Enqueue<OutdatedPostsJob>(job => job.RunAsync(CancellationToken.None));
        }
    }

    /// <summary>Returns how many posts it brought up to date.</summary>
    [AutomaticRetry(Attempts = 3)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var upgraded = 0;
        long after = 0;
        while (true)
        {
            var batch = await db.Posts.AsNoTracking()
                .Where(p => p.RendererVersion < MarkdownRenderer.Version && p.Id > after)
                .OrderBy(p => p.Id).Take(BatchSize)
                .Select(p => new { p.Id, p.ThreadId, p.Source })
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }
            var threadIds = batch.Select(p => p.ThreadId).Distinct().ToArray();
            var threads = await db.Threads.AsNoTracking().Include(t => t.Participants).Where(t => threadIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
            foreach (var post in batch)
            {
                var rendered = await renderer.RenderAsync(post.Source, Posting.Facts(threads[post.ThreadId]), null, ct);
                upgraded += await db.Posts.Where(p => p.Id == post.Id && p.RendererVersion < MarkdownRenderer.Version)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(p => p.Html, rendered.Html)
                        .SetProperty(p => p.PlainText, rendered.PlainText)
                        .SetProperty(p => p.RendererVersion, rendered.Version), ct);
            }
            after = batch[^1].Id;
        }
        if (upgraded > 0)
        {
            logger.LogInformation("Re-rendered {Count} posts for renderer version {Version}.", upgraded, MarkdownRenderer.Version);
        }
        return upgraded;
    }
}
