using System.ComponentModel.DataAnnotations;
using Dialogue.Data;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Threads;

/// <summary>
/// Reply to a thread, optionally quoting a post: the form is prefilled with "> [quote=ID]" and the quoted
/// Markdown. When the reply is invalid the page shows again with the draft in it.
/// </summary>
public class ReplyModel(DialogueDbContext db, CurrentViewer current, Posting posting, Microsoft.Extensions.Localization.IStringLocalizer<Text> text) : PageModel
{
    [BindProperty] public Command Data { get; set; } = new();
    public long ThreadId { get; private set; }
    public string ThreadTitle { get; private set; } = "";
    public ThreadFacts Facts { get; private set; } = null!;

    public sealed class Command
    {
        [Required(ErrorMessage = "Write something before posting.")]
        [StringLength(20_000, ErrorMessage = "A post can be at most 20,000 characters.")]
        [Display(Name = "Your reply")]
        public string Body { get; set; } = "";
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
            var source = await db.Posts.AsNoTracking().VisibleTo(viewer).Where(p => p.Id == quoted && !p.IsDeleted)
                .Select(p => p.Source).SingleOrDefaultAsync(ct);
            if (source is null)
            {
                return NotFound();
            }
            Data.Body = QuoteOf(quoted, source);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long threadId, CancellationToken ct)
    {
        if (await LoadAsync(threadId, ct) is { } refusal)
        {
            return refusal;
        }
        if (!ModelState.IsValid || string.IsNullOrWhiteSpace(Data.Body))
        {
            if (ModelState.IsValid)
            {
                ModelState.AddModelError("Data.Body", text["Write something before posting."]);
            }
            return Page();
        }
        var post = await posting.ReplyAsync(threadId, Data.Body, await current.GetAsync(ct), ct);
        return Redirect($"/Threads/{threadId}?p={DetailsModel.PageOf(post.Number)}#post-{post.Number}");
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
