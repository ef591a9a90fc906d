using System.ComponentModel.DataAnnotations;
using Dialogue.Data;
using Dialogue.Data.Moderation;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Threads;

/// <summary>
/// Change a thread's title and tags (<see cref="AccessPolicy.CanEditTitle"/>), logged in the moderation log whoever
/// does it: the old and new wording go in the entry's reason, which the log shows only to those who may read the thread.
/// </summary>
public class TitleModel(DialogueDbContext db, CurrentViewer current, TitleModel.Handler handler, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty] public Command Data { get; set; } = new();
    public long ThreadId { get; private set; }
    public string CurrentTitle { get; private set; } = "";

    public sealed class Command
    {
        [Required(ErrorMessage = "Enter a title.")]
        [StringLength(200, ErrorMessage = "The title can be at most 200 characters.")]
        [Display(Name = "Title")]
        public string Title { get; set; } = "";

        [StringLength(300, ErrorMessage = "Too many tags.")]
        [Display(Name = "Tags")]
        public string? Tags { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(long threadId, CancellationToken ct)
    {
        if (await LoadAsync(threadId, ct) is { } refusal)
        {
            return refusal;
        }
        Data.Title = CurrentTitle;
        Data.Tags = string.Join(", ", await db.ThreadTags.AsNoTracking().Where(t => t.ThreadId == threadId).OrderBy(t => t.Tag).Select(t => t.Tag).ToListAsync(ct));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long threadId, CancellationToken ct)
    {
        if (await LoadAsync(threadId, ct) is { } refusal)
        {
            return refusal;
        }
        var tags = NewModel.ParseTags(Data.Tags);
        if (tags is null)
        {
            ModelState.AddModelError("Data.Tags", text["Use at most {0} tags of at most 40 characters each.", Posting.MaxTags]);
        }
        if (string.IsNullOrWhiteSpace(Data.Title) && ModelState.IsValid)
        {
            ModelState.AddModelError("Data.Title", text["Enter a title."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await handler.Handle(threadId, Data.Title, tags!, await current.GetAsync(ct), ct);
        return Redirect($"/Threads/{threadId}");
    }

    private async Task<IActionResult?> LoadAsync(long threadId, CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        var thread = await db.Threads.AsNoTracking().VisibleTo(viewer).Include(t => t.Participants).SingleOrDefaultAsync(t => t.Id == threadId, ct);
        if (thread is null)
        {
            return NotFound();
        }
        var first = await db.Posts.AsNoTracking().Where(p => p.ThreadId == threadId && p.Number == 1)
            .Select(p => new { p.AuthorId, p.Status, p.IsDeleted }).SingleAsync(ct);
        if (!AccessPolicy.CanEditTitle(viewer, new PostFacts(Posting.Facts(thread), first.AuthorId, first.Status, first.IsDeleted)))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        (ThreadId, CurrentTitle) = (thread.Id, thread.Title);
        return null;
    }

    /// <summary>Writes the new title and tags and its log entry in one save; nothing when nothing changed. The caller has checked the policy.</summary>
    public sealed class Handler(DialogueDbContext db, TimeProvider clock)
    {
        public async Task Handle(long threadId, string title, IReadOnlyList<string> tags, Viewer editor, CancellationToken ct)
        {
            var thread = await db.Threads.Include(t => t.Tags).SingleAsync(t => t.Id == threadId, ct);
            var newTitle = title.Trim();
            var oldTags = thread.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal).ToList();
            var newTags = tags.Order(StringComparer.Ordinal).ToList();
            var changes = new List<string>();
            if (newTitle != thread.Title)
            {
                changes.Add($"“{thread.Title}” → “{newTitle}”");
                thread.Title = newTitle;
            }
            if (!oldTags.SequenceEqual(newTags, StringComparer.Ordinal))
            {
                changes.Add($"[{string.Join(", ", oldTags)}] → [{string.Join(", ", newTags)}]");
                thread.Tags.RemoveAll(t => !newTags.Contains(t.Tag, StringComparer.Ordinal));
                thread.Tags.AddRange(newTags.Where(t => !oldTags.Contains(t, StringComparer.Ordinal)).Select(t => new ThreadTag { Tag = t }));
            }
            if (changes.Count == 0)
            {
                return;
            }
            db.ModerationLog.Add(new ModerationLogEntry
            {
                ActorId = editor.UserId,
                At = clock.GetUtcNow(),
                Action = ModerationAction.EditThreadTitle,
                SpaceId = thread.SpaceId,
                ThreadId = thread.Id,
                // The old and new wording are content: in the reason, which the log withholds from those who may not read the thread.
                Reason = string.Join("; ", changes),
            });
            await db.SaveChangesAsync(ct);
        }
    }
}
