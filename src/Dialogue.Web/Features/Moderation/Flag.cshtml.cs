using System.ComponentModel.DataAnnotations;
using Dialogue.Data;
using Dialogue.Data.Moderation;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Threads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Moderation;

/// <summary>Flag a post for the moderators. Enough open flags from different members hide it until one reviews it.</summary>
public class FlagModel(DialogueDbContext db, CurrentViewer current, StaffNotifier staff, IOptions<ModerationOptions> options, TimeProvider clock, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty] public Command Data { get; set; } = new();
    public long PostId { get; private set; }
    public int Number { get; private set; }
    public string ThreadTitle { get; private set; } = "";

    public sealed class Command
    {
        [Required(ErrorMessage = "Choose a reason.")]
        [Display(Name = "Reason")]
        public FlagReason? Reason { get; set; }

        [StringLength(1000, ErrorMessage = "The message can be at most 1,000 characters.")]
        [Display(Name = "Message for the moderators")]
        public string? Message { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(long postId, CancellationToken ct) =>
        await LoadAsync(postId, ct) is { } refusal ? refusal : Page();

    public async Task<IActionResult> OnPostAsync(long postId, CancellationToken ct)
    {
        if (await LoadAsync(postId, ct) is { } refusal)
        {
            return refusal;
        }
        if (Data.Reason is { } r && !Enum.IsDefined(r))
        {
            ModelState.AddModelError("Data.Reason", text["Choose a reason."]);
        }
        if (Data.Reason == FlagReason.Other && string.IsNullOrWhiteSpace(Data.Message))
        {
            ModelState.AddModelError("Data.Message", text["Tell the moderators what is wrong."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var viewer = await current.GetAsync(ct);
        if (await db.Flags.AnyAsync(f => f.PostId == postId && f.FlaggedById == viewer.UserId, ct))
        {
            TempData["Status"] = (string)text["You have already flagged this post; the moderators have it."];
            return Redirect($"/Threads/Post/{postId}");
        }
        var now = clock.GetUtcNow();
        db.Flags.Add(new Flag
        {
            PostId = postId,
            FlaggedById = viewer.UserId!,
            Reason = Data.Reason!.Value,
            Message = string.IsNullOrWhiteSpace(Data.Message) ? null : Data.Message.Trim(),
            CreatedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same member flagged it twice at once; one flag is kept.
            db.ChangeTracker.Clear();
        }
        await HideWhenEnoughFlagsAsync(postId, now, ct);
        await staff.PostFlaggedAsync(postId, viewer.UserId!, ct);
        await db.SaveChangesAsync(ct);
        TempData["Status"] = (string)text["Thank you: the moderators will look at this post."];
        return Redirect($"/Threads/Post/{postId}");
    }

    /// <summary>At the threshold the post is hidden; the log records it with no actor (the members' flags did it).</summary>
    private async Task HideWhenEnoughFlagsAsync(long postId, DateTimeOffset now, CancellationToken ct)
    {
        var open = await db.Flags.CountAsync(f => f.PostId == postId && f.ResolvedAt == null, ct);
        if (open < options.Value.FlagsToHide)
        {
            return;
        }
        var hidden = await db.Posts.Where(p => p.Id == postId && p.Status == PostStatus.Approved)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PostStatus.Hidden).SetProperty(p => p.StatusChangedAt, now), ct);
        if (hidden == 0)
        {
            return;
        }
        var post = await db.Posts.AsNoTracking().Where(p => p.Id == postId)
            .Select(p => new { p.Number, p.ThreadId, p.Thread!.SpaceId, p.AuthorId }).SingleAsync(ct);
        if (post.Number == 1)
        {
            await db.Threads.Where(t => t.Id == post.ThreadId).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, PostStatus.Hidden), ct);
        }
        db.ModerationLog.Add(new ModerationLogEntry
        {
            At = now,
            Action = ModerationAction.HidePost,
            SpaceId = post.SpaceId,
            ThreadId = post.ThreadId,
            PostId = postId,
            TargetUserId = post.AuthorId,
            Details = $"{open} flags",
        });
        await db.SaveChangesAsync(ct);
    }

    private async Task<IActionResult?> LoadAsync(long postId, CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        var post = await db.Posts.AsNoTracking().VisibleTo(viewer).Where(p => p.Id == postId)
            .Select(p => new { p.Id, p.Number, p.AuthorId, p.Status, p.IsDeleted, p.Thread!.Title, Thread = p.Thread })
            .SingleOrDefaultAsync(ct);
        if (post is null)
        {
            return NotFound();
        }
        var participants = await db.ThreadParticipants.AsNoTracking().Where(tp => tp.ThreadId == post.Thread.Id).Select(tp => tp.UserId).ToListAsync(ct);
        post.Thread.Participants = [.. participants.Select(id => new ThreadParticipant { UserId = id })];
        if (!AccessPolicy.CanFlag(viewer, new PostFacts(Posting.Facts(post.Thread), post.AuthorId, post.Status, post.IsDeleted)))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        (PostId, Number, ThreadTitle) = (post.Id, post.Number, post.Title);
        return null;
    }
}
