using System.ComponentModel.DataAnnotations;
using Dialogue.Data;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Threads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Privacy;

/// <summary>
/// A scheduled thread (or, with postId, a scheduled reply in it): its author or a moderator of its space publishes it
/// now or moves its time. Anyone else, and anything not scheduled, gets 404 — as for content they may not read.
/// </summary>
public class ScheduleModel(DialogueDbContext db, CurrentViewer current, Embargoes embargoes, EmbargoInput input, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty] public Command Data { get; set; } = new();
    public long ThreadId { get; private set; }
    public string ThreadTitle { get; private set; } = "";
    /// <summary>The scheduled reply's number, or null when the thread itself is scheduled.</summary>
    public int? PostNumber { get; private set; }
    public long? PostId { get; private set; }
    public DateTimeOffset EmbargoUntil { get; private set; }

    public sealed class Command
    {
        [StringLength(40)]
        public string? PublishAt { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(long threadId, long? postId, CancellationToken ct)
    {
        if (!await LoadAsync(threadId, postId, ct))
        {
            return NotFound();
        }
        Data.PublishAt = input.Value(EmbargoUntil);
        return Page();
    }

    public async Task<IActionResult> OnPostRescheduleAsync(long threadId, long? postId, CancellationToken ct)
    {
        if (!await LoadAsync(threadId, postId, ct))
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(Data.PublishAt))
        {
            ModelState.AddModelError(EmbargoInput.Field, text["Choose the new time, or publish it now."]);
        }
        var until = input.Read(Data.PublishAt, ModelState);
        if (!ModelState.IsValid || until is null)
        {
            return Page();
        }
        var moved = PostId is { } id ? await embargoes.ReschedulePostAsync(id, until.Value, ct) : await embargoes.RescheduleThreadAsync(threadId, until.Value, ct);
        TempData["Status"] = moved ? (string)text["The new time is saved."] : (string)text["It has been published meanwhile."];
        return Back();
    }

    public async Task<IActionResult> OnPostReleaseAsync(long threadId, long? postId, CancellationToken ct)
    {
        if (!await LoadAsync(threadId, postId, ct))
        {
            return NotFound();
        }
        var released = PostId is { } id ? await embargoes.ReleasePostAsync(id, early: true, ct) : await embargoes.ReleaseThreadAsync(threadId, early: true, ct);
        TempData["Status"] = released ? (string)text["Published: everyone who may read it sees it now, and its notifications are on their way."] : (string)text["It has been published meanwhile."];
        return Back();
    }

    private RedirectResult Back() =>
        Redirect(PostNumber is { } number ? $"/Threads/{ThreadId}?p={DetailsModel.PageOf(number)}#post-{number}" : $"/Threads/{ThreadId}");

    private async Task<bool> LoadAsync(long threadId, long? postId, CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        var thread = await db.Threads.AsNoTracking().VisibleTo(viewer).Include(t => t.Participants).SingleOrDefaultAsync(t => t.Id == threadId, ct);
        if (thread is null)
        {
            return false;
        }
        (ThreadId, ThreadTitle) = (thread.Id, thread.Title);
        if (postId is { } id)
        {
            var post = await PostPage.LoadAsync(db, viewer, id, ct);
            if (post is null || post.ThreadId != threadId || post.EmbargoUntil is not { } postUntil || !AccessPolicy.CanSchedule(viewer, post.Facts))
            {
                return false;
            }
            (PostId, PostNumber, EmbargoUntil) = (post.Id, post.Number, postUntil);
            return true;
        }
        if (thread.EmbargoUntil is not { } until || !AccessPolicy.CanSchedule(viewer, Posting.Facts(thread)))
        {
            return false;
        }
        EmbargoUntil = until;
        return true;
    }
}
