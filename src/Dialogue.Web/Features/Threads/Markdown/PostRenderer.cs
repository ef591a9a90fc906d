using Dialogue.Data;
using Dialogue.Web.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Threads.Markdown;

public sealed record RenderedPost(string Html, int Version, IReadOnlyList<string> MentionedUserIds, long? QuotedPostId);

/// <summary>Renders a post as its author writes it: mentions resolved to members, quotes kept only of posts the author may read.</summary>
public sealed class PostRenderer(DialogueDbContext db, MarkdownRenderer markdown)
{
    public async Task<RenderedPost> RenderAsync(string source, Viewer author, CancellationToken ct)
    {
        var parsed = markdown.Parse(source);
        var mentions = await Mentions.ResolveAsync(db, parsed.Handles, ct);
        var quoted = parsed.QuotedPostIds;
        var quotable = quoted.Count == 0
            ? new HashSet<long>()
            : (await db.Posts.AsNoTracking().VisibleTo(author).Where(p => quoted.Contains(p.Id) && !p.IsDeleted).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        var html = MarkdownRenderer.Finish(parsed, mentions, quotable);
        long? firstQuote = quoted.Where(quotable.Contains).Select(id => (long?)id).FirstOrDefault();
        return new RenderedPost(html, MarkdownRenderer.Version, [.. mentions.Values.Distinct(StringComparer.Ordinal)], firstQuote);
    }
}
