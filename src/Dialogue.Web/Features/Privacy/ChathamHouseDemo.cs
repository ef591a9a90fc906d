using Dialogue.Data;
using Dialogue.Data.Moderation;
using Dialogue.Data.Privacy;
using Dialogue.Data.Sensitivity;
using Dialogue.Web.Features.Threads;
using Dialogue.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Privacy;

/// <summary>The demo's Chatham House thread (public, several voices in English and Chinese) and an audited RED thread with its read receipts.</summary>
public sealed class ChathamHouseDemo(DialogueDbContext db, Posting posting) : IDemoPart
{
    public const string ChathamTitle = "Under the Chatham House Rule: what would make you report a dangerous capability?";
    public const string RedTitle = "Back-channel: sharing red-team findings before publication";

    public async Task SeedAsync(DemoSite site, CancellationToken ct)
    {
        if (!site.SpaceIds.TryGetValue("open-research", out var open) || !site.SpaceIds.TryGetValue("track-two", out var trackTwo))
        {
            return;
        }
        var chatham = await posting.StartThreadAsync(new Posting.NewThread(open, ChathamTitle, SensitivityLabel.Clear, ["reporting", "chatham-house"],
            "Speaking for myself, not my lab: we have no agreed threshold for when an evaluation result must go beyond the team. " +
            "What would make you report a finding to people outside your organisation?", [], ChathamHouse: true), site.Viewers("jonas"), ct, trusted: true);
        await posting.ReplyAsync(chatham.Id, "在我们这里，只要结果可以被复现，我们就会先在内部通报，再考虑对外。真正的障碍是没有一个可信的中立渠道。", site.Viewers("li.wei"), ct, trusted: true);
        await posting.ReplyAsync(chatham.Id, "A neutral channel is the point. If the report is attributed, legal gets involved and it takes months.", site.Viewers("kenji"), ct, trusted: true);
        await posting.ReplyAsync(chatham.Id, "> [quote=" + (await FirstPostIdAsync(chatham.Id, ct)) + "]\n> What would make you report a finding\n\n" +
            "Two independent replications and a plausible misuse path. Anything less and we would drown the channel.", site.Viewers("sarah"), ct, trusted: true);
        await posting.ReplyAsync(chatham.Id, "同意第二点。我们也可以先约定一个匿名的通报格式，这个讨论串本身就是一个例子。", site.Viewers("zhang.min"), ct, trusted: true);

        var red = await posting.StartThreadAsync(new Posting.NewThread(trackTwo, RedTitle, SensitivityLabel.Red, ["red-team"],
            "Before either side publishes, can we exchange the jailbreak families we found, so patches land first? Every read of this thread is logged.",
            [site.UserIds["li.wei"], site.UserIds["olga"]]), site.Viewers("sarah"), ct, trusted: true);
        await posting.ReplyAsync(red.Id, "可以。我们先交换类别和严重程度，不交换具体提示词。", site.Viewers("li.wei"), ct, trusted: true);
        // Spread over the last two days like the core demo's threads, so neither looks written this very second.
        foreach (var (threadId, start) in new[] { (chatham.Id, site.Now.AddHours(-40)), (red.Id, site.Now.AddHours(-26)) })
        {
            var ids = await db.Posts.Where(p => p.ThreadId == threadId).OrderBy(p => p.Number).Select(p => p.Id).ToListAsync(ct);
            await DemoSeeder.BackdateAsync(db, threadId, [.. ids.Select((id, i) => (id, start.AddHours(4 * i)))], ct);
        }
        var first = await FirstPostIdAsync(red.Id, ct);
        db.ThreadAccessLog.AddRange(
            new ThreadAccessLogEntry { UserId = site.UserIds["li.wei"], ThreadId = red.Id, Surface = AccessSurface.Page, At = site.Now.AddHours(-20) },
            new ThreadAccessLogEntry { UserId = site.UserIds["olga"], ThreadId = red.Id, Surface = AccessSurface.Page, At = site.Now.AddHours(-6) },
            new ThreadAccessLogEntry { UserId = site.UserIds["olga"], ThreadId = red.Id, PostId = first, Surface = AccessSurface.History, At = site.Now.AddHours(-5.5) },
            new ThreadAccessLogEntry { UserId = site.UserIds["sarah"], ThreadId = red.Id, Surface = AccessSurface.Page, At = site.Now.AddHours(-1) });
        await db.SaveChangesAsync(ct);
    }

    private async Task<long> FirstPostIdAsync(long threadId, CancellationToken ct) =>
        await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Posts.Where(p => p.ThreadId == threadId && p.Number == 1).Select(p => p.Id), ct);
}
