using Dialogue.Data;
using Dialogue.Web.Features.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Digests.ThreadSections;

/// <summary>The threads with the most new posts the recipient may read in the window, in the spaces they chose.</summary>
public sealed class ActiveThreadsSection(DialogueDbContext db, ThreadDigestReader reader, IStringLocalizer<Text> text) : ISharedDigestSection
{
    public const int MinimumPosts = 2;
    public const int Count = 5;

    public int Order => 200;

    public string Title => text["Most active threads"];

    public async Task<DigestSectionContent?> BuildAsync(DigestRecipient recipient, DateTimeOffset since, DateTimeOffset until, CancellationToken ct)
    {
        var viewer = await reader.ViewerForAsync(recipient, ct);
        var threads = ThreadDigestReader.InChosenSpaces(db.Threads.AsNoTracking().VisibleTo(viewer), recipient).Select(t => t.Id);
        var own = recipient.UserId;
        // Only others' posts count: a thread busy with the recipient's own posts alone is not news to them.
        var busiest = await db.Posts.AsNoTracking().VisibleTo(viewer)
            .Where(p => p.CreatedAt >= since && p.CreatedAt < until && !p.IsDeleted && threads.Contains(p.ThreadId)
                && (own == null || p.AuthorId != own))
            .GroupBy(p => p.ThreadId)
            .Select(g => new { ThreadId = g.Key, Posts = g.Count(), Latest = g.Max(p => p.CreatedAt) })
            .Where(x => x.Posts >= MinimumPosts)
            .OrderByDescending(x => x.Posts).ThenByDescending(x => x.Latest)
            .Take(Count)
            .ToListAsync(ct);
        if (busiest.Count == 0)
        {
            return null;
        }
        var ids = busiest.Select(b => b.ThreadId).ToArray();
        var details = await db.Threads.AsNoTracking().VisibleTo(viewer).Where(t => ids.Contains(t.Id))
            .Select(t => new { t.Id, t.Title, t.Label })
            .ToDictionaryAsync(t => t.Id, ct);
        return new DigestSectionContent([.. busiest.Where(b => details.ContainsKey(b.ThreadId)).Select(b => new DigestItem
        {
            ThreadId = b.ThreadId,
            Label = details[b.ThreadId].Label,
            Title = details[b.ThreadId].Title,
            Link = reader.ThreadLink(b.ThreadId),
            At = b.Latest,
            Detail = text["{0} new posts", b.Posts],
        })]);
    }
}
