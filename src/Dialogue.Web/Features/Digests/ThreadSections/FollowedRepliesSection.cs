using Dialogue.Data;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Digests.ThreadSections;

/// <summary>Replies by others in the threads the member follows, one entry per thread with its latest reply.</summary>
public sealed class FollowedRepliesSection(DialogueDbContext db, ThreadDigestReader reader, IStringLocalizer<Text> text) : IBatchedDigestSection
{
    public int Order => 300;

    public string Title => text["Replies in threads you follow"];

    public async Task<IReadOnlySet<string>> CandidatesAsync(IReadOnlyList<DigestWindow> windows, CancellationToken ct)
    {
        var (members, from, to) = FollowingMembers.Of(windows);
        if (members.Length == 0)
        {
            return new HashSet<string>();
        }
        // BuildAsync's query without the access policy, over the widest window of the batch: never fewer recipients.
        return (await db.Watches
            .Where(w => members.Contains(w.UserId) && w.ThreadId != null
                && db.Posts.Any(p => p.ThreadId == w.ThreadId && p.CreatedAt >= from && p.CreatedAt < to && p.Number > 1 && !p.IsDeleted && p.AuthorId != w.UserId))
            .Select(w => w.UserId).Distinct().ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
    }

    public async Task<DigestSectionContent?> BuildAsync(DigestRecipient recipient, DateTimeOffset since, DateTimeOffset until, CancellationToken ct)
    {
        if (recipient.UserId is not { } userId || !recipient.IncludeFollowedThreads)
        {
            return null;
        }
        var viewer = await reader.ViewerForAsync(recipient, ct);
        var followed = db.Watches.Where(w => w.UserId == userId && w.ThreadId != null).Select(w => w.ThreadId!.Value);
        var replies = await db.Posts.AsNoTracking().VisibleTo(viewer)
            .Where(p => p.CreatedAt >= since && p.CreatedAt < until && p.Number > 1 && !p.IsDeleted && p.AuthorId != userId
                && followed.Contains(p.ThreadId))
            .GroupBy(p => p.ThreadId)
            .Select(g => new { ThreadId = g.Key, Replies = g.Count(), LatestId = g.Max(p => p.Id) })
            .OrderByDescending(x => x.LatestId)
            .Take(ThreadDigestReader.MaxItems)
            .ToListAsync(ct);
        if (replies.Count == 0)
        {
            return null;
        }
        var latestIds = replies.Select(r => r.LatestId).ToArray();
        var posts = await db.Posts.AsNoTracking().VisibleTo(viewer).Where(p => latestIds.Contains(p.Id))
            .Select(p => new
            {
                p.Id,
                p.ThreadId,
                p.Html,
                p.AuthorId,
                p.CreatedAt,
                p.Thread!.Title,
                p.Thread.Label,
                p.Thread.ChathamHouse,
                Pseudonym = db.ThreadPseudonyms.Where(x => x.ThreadId == p.ThreadId && x.UserId == p.AuthorId).Select(x => (int?)x.Number).FirstOrDefault(),
            })
            .ToDictionaryAsync(p => p.Id, ct);
        var texts = await reader.PlainTextAsync([.. posts.Values.Select(p => (p.Id, p.Html, p.ChathamHouse ? (long?)p.ThreadId : null))], viewer, ct);
        var names = await reader.NamesAsync(posts.Values.Where(p => !p.ChathamHouse).Select(p => p.AuthorId), ct);
        return new DigestSectionContent([.. replies.Where(r => posts.ContainsKey(r.LatestId)).Select(r =>
        {
            var post = posts[r.LatestId];
            return new DigestItem
            {
                ThreadId = post.ThreadId,
                Label = post.Label,
                Title = post.Title,
                Excerpt = ThreadDigestReader.Excerpt(texts[post.Id]),
                Body = texts[post.Id],
                Link = reader.PostLink(post.Id),
                Author = new ContentAuthor(post.AuthorId, post.ChathamHouse ? "" : names.GetValueOrDefault(post.AuthorId, ""), post.ChathamHouse, post.Pseudonym),
                At = post.CreatedAt,
                Detail = text.Plural(r.Replies, "{0} new reply", "{0} new replies"),
            };
        })]);
    }
}
