using System.ComponentModel.DataAnnotations;
using Dialogue.Data;
using Dialogue.Data.Privacy;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Moderation;
using Dialogue.Web.Features.Privacy;
using Dialogue.Web.Features.Threads.Markdown;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Threads;

/// <summary>
/// Reply to a thread, optionally quoting a post: the form is prefilled with "> [quote=ID]" and the quoted post's
/// own words, never words it quotes from other posts (<see cref="MarkdownRenderer.WithoutQuotedWords"/>): a reader
/// may read the post but not what it quotes, and posting the prefill would publish those words under this
/// thread's label. When the reply is invalid the page shows again with the draft in it.
/// </summary>
public class ReplyModel(
    Privacy.EmbargoInput embargo,
    DialogueDbContext db,
    CurrentViewer current,
    Posting posting,
    PostingRules rules,
    MarkdownRenderer markdown,
    PostRenderer renderer,
    PostPreview preview,
    Pseudonyms pseudonyms,
    AccessLog accessLog,
    Microsoft.Extensions.Localization.IStringLocalizer<Text> text) : PageModel
{
    [BindProperty] public Command Data { get; set; } = new();
    public long ThreadId { get; private set; }
    public string ThreadTitle { get; private set; } = "";
    public ThreadFacts Facts { get; private set; } = null!;
    /// <summary>The draft rendered as it would be posted, after the Preview button; null otherwise.</summary>
    public string? PreviewHtml { get; private set; }

    public sealed class Command
    {
        [Required(ErrorMessage = "Write something before posting.")]
        [StringLength(20_000, ErrorMessage = "A post can be at most 20,000 characters.")]
        [Display(Name = "Your reply")]
        public string Body { get; set; } = "";

        /// <summary>The author opts the post out of glossary links (Features/Glossary/Linking).</summary>
        public bool NoGlossaryLinks { get; set; }

        /// <summary>Embargo: a datetime-local in the viewer's zone (Privacy/EmbargoInput); empty publishes at once.</summary>
        [StringLength(40)]
        public string? PublishAt { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(long threadId, long? quotePostId, CancellationToken ct)
    {
        if (await LoadAsync(threadId, ct) is { } refusal)
        {
            return refusal;
        }
        if (quotePostId is { } quoted)
        {
            var viewer = await current.GetAsync(ct);
            var post = await PostPage.LoadAsync(db, viewer, quoted, ct);
            if (post is null || post.IsDeleted)
            {
                return NotFound();
            }
            Data.Body = QuoteOf(quoted, await OwnWordsAsync(post, ct));
            if (AccessPolicy.IsAudited(post.Facts.Thread.Label))
            {
                await accessLog.RecordAsync(viewer.UserId!, post.ThreadId, quoted, AccessSurface.Quote, ct);
            }
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long threadId, CancellationToken ct)
    {
        if (await LoadAsync(threadId, ct) is { } refusal)
        {
            return refusal;
        }
        var embargoUntil = embargo.Read(Data.PublishAt, ModelState);
        if (!ModelState.IsValid || string.IsNullOrWhiteSpace(Data.Body))
        {
            if (ModelState.IsValid)
            {
                ModelState.AddModelError("Data.Body", text["Write something before posting."]);
            }
            return Page();
        }
        var viewer = await current.GetAsync(ct);
        // Silence, the rate limit and slow mode refuse with a message; the draft stays in the form.
        if (await rules.RefusalAsync(viewer, Facts.SpaceId, threadId, ct) is { } notNow)
        {
            ModelState.AddModelError("Data.Body", notNow);
            return Page();
        }
        var post = await posting.ReplyAsync(threadId, Data.Body, viewer, ct, glossaryLinksOff: Data.NoGlossaryLinks, embargoUntil: embargoUntil);
        if (post.Status == Dialogue.Data.Threads.PostStatus.Pending)
        {
            TempData["Status"] = (string)text["Thank you! A moderator reviews the first posts of new members; yours is marked “awaiting review” until then, and you will be told."];
        }
        return Redirect($"/Threads/{threadId}?p={DetailsModel.PageOf(post.Number)}#post-{post.Number}");
    }

    /// <summary>Shows the draft rendered above the form, as its readers would see it; writes nothing.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(long threadId, CancellationToken ct)
    {
        if (await LoadAsync(threadId, ct) is { } refusal)
        {
            return refusal;
        }
        if (PostPreview.DraftOf(ModelState, Data.Body, text["Write something to preview."]) is { } draft)
        {
            PreviewHtml = await preview.RenderAsync(draft, Facts, await current.GetAsync(ct), ct);
        }
        return Page();
    }

    /// <summary>
    /// The quoted post's own Markdown, its quotes reduced to references, and its mentions as its readers see them
    /// (the display name, not the typed email address, which readers are never shown; in a Chatham House thread the
    /// pseudonym, so the prefill never puts a real name into the reply).
    /// </summary>
    private async Task<string> OwnWordsAsync(PostPage.Loaded post, CancellationToken ct)
    {
        var own = markdown.WithoutQuotedWords(post.Source);
        var mentions = (await renderer.RenderAsync(own, post.Facts.Thread, null, ct)).Mentions;
        if (mentions.Count == 0)
        {
            return own;
        }
        var ids = mentions.Values.Distinct(StringComparer.Ordinal).ToArray();
        var names = post.ChathamHouse
            ? (await db.ThreadPseudonyms.AsNoTracking().Where(x => x.ThreadId == post.ThreadId && ids.Contains(x.UserId)).ToListAsync(ct))
                .ToDictionary(x => x.UserId, x => pseudonyms.Name(x.Number))
            : await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return MarkdownRenderer.ReplaceMentions(own, handle => !mentions.TryGetValue(handle, out var id) ? null
            : names.TryGetValue(id, out var name) ? name
            : post.ChathamHouse ? pseudonyms.Name(null) : null);
    }

    /// <summary>The Markdown a quote starts with: the marker line, then the quoted text, each line prefixed.</summary>
    public static string QuoteOf(long postId, string source)
    {
        var lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        return $"> [quote={postId}]\n>\n" + string.Join('\n', lines.Select(l => l.Length == 0 ? ">" : "> " + l)) + "\n\n";
    }

    private async Task<IActionResult?> LoadAsync(long threadId, CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        var thread = await db.Threads.AsNoTracking().VisibleTo(viewer).Include(t => t.Participants).SingleOrDefaultAsync(t => t.Id == threadId, ct);
        if (thread is null)
        {
            return NotFound();
        }
        Facts = Posting.Facts(thread);
        if (!AccessPolicy.Can(viewer, Facts, AccessAction.Reply))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        (ThreadId, ThreadTitle) = (thread.Id, thread.Title);
        return null;
    }
}
