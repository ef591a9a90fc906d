using Dialogue.Data;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Digests.ThreadSections;

/// <summary>Posts that mention the member, from their notifications (which only keep what they may still read).</summary>
public sealed class MentionsSection(DialogueDbContext db, ThreadDigestReader reader, IStringLocalizer<Text> text) : IBatchedDigestSection
{
    public int Order => 400;

    public string Title => text["Mentions of you"];

    public async Task<IReadOnlySet<string>> CandidatesAsync(IReadOnlyList<DigestWindow> windows, CancellationToken ct)
    {
        var (members, from, to) = FollowingMembers.Of(windows);
        if (members.Length == 0)
        {
            return new HashSet<string>();
        }
        // BuildAsync's query without the access policy, over the widest window of the batch: never fewer recipients.
        return (await db.Notifications
            .Where(n => members.Contains(n.RecipientId) && n.Kind == NotificationKind.Mention && n.PostId != null && n.CreatedAt >= from && n.CreatedAt < to)
            .Select(n => n.RecipientId).Distinct().ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
    }

    public async Task<DigestSectionContent?> BuildAsync(DigestRecipient recipient, DateTimeOffset since, DateTimeOffset until, CancellationToken ct)
    {
        if (recipient.UserId is not { } userId || !recipient.IncludeFollowedThreads)
        {
            return null;
        }
        var viewer = await reader.ViewerForAsync(recipient, ct);
        var postIds = await db.Notifications.AsNoTracking().VisibleTo(viewer)
            .Where(n => n.Kind == NotificationKind.Mention && n.PostId != null && n.CreatedAt >= since && n.CreatedAt < until)
            .OrderByDescending(n => n.CreatedAt)
            .Select(n => n.PostId!.Value)
            .Take(ThreadDigestReader.MaxItems)
            .ToListAsync(ct);
        if (postIds.Count == 0)
        {
            return null;
        }
        var posts = await db.Posts.AsNoTracking().VisibleTo(viewer).Where(p => postIds.Contains(p.Id) && !p.IsDeleted && p.AuthorId != userId)
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
        return new DigestSectionContent([.. postIds.Distinct().Where(posts.ContainsKey).Select(id =>
        {
            var post = posts[id];
            return new DigestItem
            {
                ThreadId = post.ThreadId,
                Label = post.Label,
                Title = post.Title,
                Excerpt = ThreadDigestReader.Excerpt(texts[id]),
                Body = texts[id],
                Link = reader.PostLink(id),
                Author = new ContentAuthor(post.AuthorId, post.ChathamHouse ? "" : names.GetValueOrDefault(post.AuthorId, ""), post.ChathamHouse, post.Pseudonym),
                At = post.CreatedAt,
            };
        })]);
    }
}
