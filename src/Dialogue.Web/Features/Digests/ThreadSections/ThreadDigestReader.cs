using Dialogue.Data;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Threads;
using Dialogue.Web.Infrastructure;
using Dialogue.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Digests.ThreadSections;

/// <summary>
/// What the thread sections share: the recipient as a <see cref="Viewer"/> of the one access policy (a public
/// subscriber reads as a signed-out visitor), the spaces they chose, and post text as that viewer reads it.
/// </summary>
public sealed class ThreadDigestReader(DialogueDbContext db, PostDisplay display, IOptions<AppOptions> app)
{
    public const int MaxItems = 10;

    private readonly Dictionary<string, Viewer> viewers = new(StringComparer.Ordinal);

    public async Task<Viewer> ViewerForAsync(DigestRecipient recipient, CancellationToken ct)
    {
        if (recipient.UserId is not { } userId)
        {
            return Viewer.Anonymous;
        }
        if (!viewers.TryGetValue(userId, out var viewer))
        {
            // A digest leaves the platform: scheduled threads and posts stay out of it even for their author and moderators.
            viewer = (await ViewerLoader.ForUserAsync(db, userId, ct)) with { OffPlatform = true };
            viewers[userId] = viewer;
        }
        return viewer;
    }

    /// <summary>
    /// Loads the viewers of a batch of recipients at once (three queries for the batch instead of three per recipient);
    /// each section then finds its recipient's viewer here.
    /// </summary>
    public async Task PreloadViewersAsync(IEnumerable<DigestRecipient> recipients, CancellationToken ct)
    {
        var missing = recipients.Select(r => r.UserId).OfType<string>().Where(id => !viewers.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        var loaded = await ViewerLoader.ForUsersAsync(db, missing, ct);
        foreach (var id in missing)
        {
            viewers[id] = (loaded.GetValueOrDefault(id) ?? Viewer.Anonymous) with { OffPlatform = true };
        }
    }

    /// <summary>
    /// Someone who reads as <paramref name="like"/> does through the policy, but is nobody: an id that matches no account,
    /// so no RED participation and no post of their own, and no follows or mentions. <see cref="ReadingGroups"/> builds
    /// the shared sections as this stand-in for every recipient who reads alike.
    /// </summary>
    public DigestRecipient StandInFor(DigestRecipient like, Viewer viewer)
    {
        var id = "digest-group:" + Guid.NewGuid().ToString("N");
        if (!like.IsPublic)
        {
            viewers[id] = viewer with { UserId = id };
        }
        return like with { Id = id, Address = "", Name = null, IncludeFollowedThreads = false };
    }

    /// <summary>Threads in the spaces the recipient chose for their digest (all, for a public subscriber).</summary>
    public static IQueryable<DiscussionThread> InChosenSpaces(IQueryable<DiscussionThread> threads, DigestRecipient recipient)
    {
        if (recipient.AllSpaces || recipient.IsPublic)
        {
            return threads;
        }
        var chosen = recipient.SpaceIds.ToArray();
        return threads.Where(t => chosen.Contains(t.SpaceId));
    }

    /// <summary>
    /// Posts' text as the viewer reads it (mentions named, or in a Chatham House thread given as the thread's pseudonyms;
    /// quotes they may not read left out), keyed by post id.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, string>> PlainTextAsync(IReadOnlyList<(long Id, string Html, long? ChathamThreadId)> posts, Viewer viewer, CancellationToken ct)
    {
        var html = await display.ResolveAsync([.. posts.Select(p => p.Html)], viewer, ct, [.. posts.Select(p => p.ChathamThreadId)]);
        return posts.Select((p, i) => (p.Id, Text: EmailRenderer.ToText(html[i]).Trim())).ToDictionary(p => p.Id, p => p.Text);
    }

    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string> userIds, CancellationToken ct)
    {
        var ids = userIds.Distinct(StringComparer.Ordinal).ToArray();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    public static string Excerpt(string text) => EmailRule.Excerpt(text);

    public string ThreadLink(long threadId) => app.Value.Link($"/Threads/{threadId}");

    public string PostLink(long postId) => app.Value.Link($"/Threads/Post/{postId}");
}
