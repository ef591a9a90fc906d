using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Moderation;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Threads;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Threads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Privacy;

/// <summary>Chatham House threads written through the app's own posting service, and the access log read back.</summary>
public static class ChathamThreads
{
    public static Task<DiscussionThread> StartChathamThreadAsync(this DialogueFactory factory, long spaceId, DialogueUser author, SensitivityLabel label,
        string title, string body, params DialogueUser[] participants) => factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<DialogueDbContext>();
        var viewer = await ViewerLoader.ForUserAsync(db, author.Id, CancellationToken.None);
        return await sp.GetRequiredService<Posting>().StartThreadAsync(
            new Posting.NewThread(spaceId, title, label, [], body, [.. participants.Select(p => p.Id)], ChathamHouse: true), viewer, CancellationToken.None);
    });

    public static Task EditAsync(this DialogueFactory factory, long postId, DialogueUser editor, string body) => factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<DialogueDbContext>();
        var viewer = await ViewerLoader.ForUserAsync(db, editor.Id, CancellationToken.None);
        await sp.GetRequiredService<Posting>().EditAsync(postId, body, viewer, CancellationToken.None);
        return true;
    });

    public static Task<Dictionary<string, int>> PseudonymsAsync(this DialogueFactory factory, long threadId) =>
        factory.WithDbAsync(db => db.ThreadPseudonyms.AsNoTracking().Where(p => p.ThreadId == threadId).ToDictionaryAsync(p => p.UserId, p => p.Number));

    /// <summary>
    /// The access log entries of a thread once the batched writer has caught up: entries reach the table within the flush
    /// interval (one second), so this waits until <paramref name="count"/> are there, or fails after ten seconds.
    /// </summary>
    public static async Task<List<ThreadAccessLogEntry>> AccessLogAsync(this DialogueFactory factory, long threadId, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var entries = await factory.WithDbAsync(db => db.ThreadAccessLog.AsNoTracking().Where(e => e.ThreadId == threadId).OrderBy(e => e.Id).ToListAsync());
            if (entries.Count >= count || DateTime.UtcNow > deadline)
            {
                Assert.True(entries.Count >= count, $"{entries.Count} access log entries for thread {threadId} after 10 s, expected {count}");
                return entries;
            }
            await Task.Delay(100);
        }
    }
}
