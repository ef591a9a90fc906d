using Dialogue.Data;
using Dialogue.Data.Moderation;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Threads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Moderation;

/// <summary>
/// The review queue: posts waiting for approval and posts with open flags, in the spaces the viewer moderates
/// and can read (<see cref="Visible.ModeratedBy"/>). Approve, reject with a reason, resolve flags, raise the label.
/// </summary>
public class QueueModel(DialogueDbContext db, CurrentViewer current, PostDisplay display, ModeratorActions actions, IStringLocalizer<Text> text) : PageModel
{
    public const int MaxItems = 50;

    public sealed record Item(long PostId, int Number, long ThreadId, string ThreadTitle, SensitivityLabel Label, string SpaceName,
        string AuthorName, DateTimeOffset CreatedAt, PostStatus Status, string Html, List<FlagRow> Flags);

    public sealed record FlagRow(FlagReason Reason, string? Message, string FlaggedBy, DateTimeOffset CreatedAt);

    public IReadOnlyList<Item> Pending { get; private set; } = [];
    public IReadOnlyList<Item> Flagged { get; private set; } = [];
    public IReadOnlyList<string> PendingBodies { get; private set; } = [];
    public IReadOnlyList<string> FlaggedBodies { get; private set; } = [];
    /// <summary>The post whose reject form failed, with its error.</summary>
    public long? ErrorPostId { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        if (!Moderates(viewer))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        await LoadAsync(viewer, ct);
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(long postId, CancellationToken ct) =>
        ActAsync(v => actions.ApproveAsync(postId, v, ct), text["Approved: the post is now visible and its readers were notified."], ct);

    public async Task<IActionResult> OnPostRejectAsync(long postId, string? reason, CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 1000)
        {
            if (!Moderates(viewer))
            {
                return StatusCode(StatusCodes.Status403Forbidden);
            }
            (ErrorPostId, Error) = (postId, text["Give the author a reason (at most 1,000 characters)."]);
            await LoadAsync(viewer, ct);
            return Page();
        }
        return await ActAsync(v => actions.RejectAsync(postId, reason.Trim(), v, ct), text["Rejected: the author was told why."], ct);
    }

    public Task<IActionResult> OnPostDismissAsync(long postId, CancellationToken ct) =>
        ActAsync(v => actions.DismissFlagsAsync(postId, v, ct), text["Flags dismissed: the post is shown."], ct);

    public Task<IActionResult> OnPostUpholdAsync(long postId, CancellationToken ct) =>
        ActAsync(v => actions.UpholdFlagsAsync(postId, v, ct), text["Flags upheld: the post stays hidden."], ct);

    public async Task<IActionResult> OnPostRaiseLabelAsync(long threadId, SensitivityLabel label, string? reason, CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        var result = await actions.SetLabelAsync(threadId, label, reason, viewer, ct);
        if (result == ModeratorActions.LabelChange.NotAllowed)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        TempData["Status"] = (string)text["The thread's label is now {0}.", LabelTagHelper.Name(label)];
        return RedirectToPage();
    }

    private async Task<IActionResult> ActAsync(Func<Viewer, Task<ModeratorActions.ReviewOutcome>> act, string done, CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        switch (await act(viewer))
        {
            case ModeratorActions.ReviewOutcome.NotAllowed:
                return StatusCode(StatusCodes.Status403Forbidden);
            case ModeratorActions.ReviewOutcome.AlreadyHandled:
                TempData["Status"] = (string)text["Another moderator has already handled this post; nothing was changed."];
                break;
            default:
                TempData["Status"] = done;
                break;
        }
        return RedirectToPage();
    }

    public static bool Moderates(Viewer viewer) =>
        viewer.IsApproved && (viewer.IsAdmin || viewer.IsSiteModerator || viewer.ModeratedSpaceIds().Length > 0);

    private async Task LoadAsync(Viewer viewer, CancellationToken ct)
    {
        var posts = db.Posts.AsNoTracking().ModeratedBy(viewer);
        Pending = await Project(posts.Where(p => p.Status == PostStatus.Pending && !p.IsDeleted).OrderBy(p => p.CreatedAt)).Take(MaxItems).ToListAsync(ct);
        Flagged = await Project(posts.Where(p => (p.Status == PostStatus.Approved || p.Status == PostStatus.Hidden)
                && db.Flags.Any(f => f.PostId == p.Id && f.ResolvedAt == null))
            .OrderBy(p => db.Flags.Where(f => f.PostId == p.Id && f.ResolvedAt == null).Min(f => f.CreatedAt)))
            .Take(MaxItems).ToListAsync(ct);
        PendingBodies = await display.ResolveAsync([.. Pending.Select(p => p.Html)], viewer, ct);
        FlaggedBodies = await display.ResolveAsync([.. Flagged.Select(p => p.Html)], viewer, ct);
    }

    private IQueryable<Item> Project(IQueryable<Post> posts) => posts.Select(p => new Item(
        p.Id, p.Number, p.ThreadId, p.Thread!.Title, p.Thread.Label, p.Thread.Space!.Name,
        db.Users.Where(u => u.Id == p.AuthorId).Select(u => u.DisplayName).First(),
        p.CreatedAt, p.Status, p.Html,
        db.Flags.Where(f => f.PostId == p.Id && f.ResolvedAt == null).OrderBy(f => f.CreatedAt)
            .Select(f => new FlagRow(f.Reason, f.Message, db.Users.Where(u => u.Id == f.FlaggedById).Select(u => u.DisplayName).First(), f.CreatedAt))
            .ToList()));
}
