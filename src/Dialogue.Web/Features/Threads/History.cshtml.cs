using Dialogue.Data;
using Dialogue.Data.Privacy;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Glossary.Linking;
using Dialogue.Web.Features.Privacy;
using Dialogue.Web.Features.Threads.Markdown;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Threads;

/// <summary>Every version of a post, oldest first, for anyone who may read the post.</summary>
public class HistoryModel(DialogueDbContext db, CurrentViewer current, PostRenderer renderer, PostDisplay display, GlossaryLinker glossaryLinks, Pseudonyms pseudonyms,
    AccessLog accessLog) : PageModel
{
    public sealed record Version(int Number, DateTimeOffset WrittenAt, string Html, bool IsCurrent);

    public PostPage.Loaded Post { get; private set; } = null!;
    /// <summary>The author as this reader sees them: a pseudonym in a Chatham House thread.</summary>
    public string AuthorName { get; private set; } = "";
    public IReadOnlyList<Version> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long postId, CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        var post = await PostPage.LoadAsync(db, viewer, postId, ct);
        if (post is null || post.IsDeleted)
        {
            return NotFound();
        }
        Post = post;
        AuthorName = post.ChathamHouse ? pseudonyms.Name(post.AuthorPseudonym) : post.AuthorName;
        var revisions = await db.PostRevisions.AsNoTracking().Where(r => r.PostId == postId).OrderBy(r => r.Number)
            .Select(r => new { r.Number, r.Source, r.WrittenAt }).ToListAsync(ct);
        // Every version goes through the same path as the thread page: rendered without regard to its author's
        // access (quotes stay placeholders), then resolved for this reader. This page is rare.
        var htmls = new List<string>();
        foreach (var revision in revisions)
        {
            htmls.Add((await renderer.RenderAsync(revision.Source, post.Facts.Thread, null, ct)).Html);
        }
        htmls.Add(post.RendererVersion < MarkdownRenderer.Version ? (await renderer.RenderAsync(post.Source, post.Facts.Thread, null, ct)).Html : post.Html);
        // Glossary terms are linked as on the thread page, for this reader, and not at all when the author opted the post out.
        var resolved = await glossaryLinks.LinkAsync(
            await display.ResolveAsync(htmls, viewer, ct, post.ChathamHouse ? [.. htmls.Select(_ => (long?)post.ThreadId)] : null),
            viewer, [.. htmls.Select(_ => post.GlossaryLinksOff)], ct);
        var versions = revisions.Select((r, i) => new Version(r.Number, r.WrittenAt, resolved[i], false)).ToList();
        versions.Add(new Version(revisions.Count + 1, post.EditedAt ?? post.CreatedAt, resolved[^1], true));
        Versions = versions;
        if (AccessPolicy.IsAudited(post.Facts.Thread.Label) && viewer.UserId is { } userId)
        {
            await accessLog.RecordAsync(userId, post.ThreadId, postId, AccessSurface.History, ct);
        }
        return Page();
    }
}
