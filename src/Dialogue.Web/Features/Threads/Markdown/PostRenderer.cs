using Dialogue.Data;
using Dialogue.Web.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Threads.Markdown;

/// <param name="Mentions">Each resolved handle as typed (lower case) → the member's id.</param>
/// <param name="QuotedPostId">The first quoted post the author may read (whose author hears of the quote), if any.</param>
public sealed record RenderedPost(string Html, string PlainText, int Version, IReadOnlyDictionary<string, string> Mentions, long? QuotedPostId)
{
    public IReadOnlyList<string> MentionedUserIds => [.. Mentions.Values.Distinct(StringComparer.Ordinal)];
}

/// <summary>
/// Renders a post for the thread it is in. The HTML does not depend on who wrote it or what they may read: every
/// quote is a placeholder that <see cref="PostDisplay"/> resolves per reader, and a mention names only a member who
/// may read the thread (<see cref="Mentions"/>). Only <see cref="RenderedPost.QuotedPostId"/> looks at the author.
/// </summary>
public sealed class PostRenderer(DialogueDbContext db, MarkdownRenderer markdown)
{
    public async Task<RenderedPost> RenderAsync(string source, ThreadFacts thread, Viewer? author, CancellationToken ct)
    {
        var parsed = markdown.Parse(source);
        var mentions = await Mentions.ResolveAsync(db, parsed.Handles, thread, ct);
        var quoted = parsed.QuotedPostIds;
        long? firstQuote = null;
        if (author is not null && quoted.Count > 0)
        {
            var readable = (await db.Posts.AsNoTracking().VisibleTo(author).Where(p => quoted.Contains(p.Id) && !p.IsDeleted).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
            firstQuote = quoted.Where(readable.Contains).Select(id => (long?)id).FirstOrDefault();
        }
        var finished = MarkdownRenderer.Finish(parsed, mentions);
        return new RenderedPost(finished.Html, finished.PlainText, MarkdownRenderer.Version, mentions, firstQuote);
    }
}
