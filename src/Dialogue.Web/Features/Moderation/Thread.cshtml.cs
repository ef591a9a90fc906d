using Dialogue.Data;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Threads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Moderation;

/// <summary>A space moderator's tools for one thread: lock, pin, close, slow mode, label, move, silence a member. Each is logged.</summary>
public class ThreadModel(DialogueDbContext db, CurrentViewer current, ModeratorActions actions, TimeProvider clock, IStringLocalizer<Text> text) : PageModel
{
    public sealed record Member(string UserId, string DisplayName);
    public sealed record Target(long Id, string Name, SensitivityLabel DefaultLabel);

    public long ThreadId { get; private set; }
    public string Title { get; private set; } = "";
    public SensitivityLabel Label { get; private set; }
    public SensitivityLabel SpaceLabel { get; private set; }
    public bool Locked { get; private set; }
    public bool Closed { get; private set; }
    public bool Pinned { get; private set; }
    public TimeSpan? SlowMode { get; private set; }
    public DateTimeOffset? SlowModeUntil { get; private set; }
    public bool CanLower { get; private set; }
    public bool ChathamHouse { get; private set; }
    public IReadOnlyList<Member> Members { get; private set; } = [];
    public IReadOnlyList<Target> Targets { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long threadId, CancellationToken ct) =>
        await LoadAsync(threadId, ct) is { } refusal ? refusal : Page();

    public Task<IActionResult> OnPostLockAsync(long threadId, bool on, string? reason, CancellationToken ct) =>
        ActAsync(threadId, v => actions.SetLockedAsync(threadId, on, reason, v, ct), on ? text["The thread is locked."] : text["The thread is unlocked."], ct);

    public Task<IActionResult> OnPostCloseAsync(long threadId, bool on, string? reason, CancellationToken ct) =>
        ActAsync(threadId, v => actions.SetClosedAsync(threadId, on, reason, v, ct), on ? text["The thread is closed."] : text["The thread is open again."], ct);

    public Task<IActionResult> OnPostPinAsync(long threadId, bool on, string? reason, CancellationToken ct) =>
        ActAsync(threadId, v => actions.SetPinnedAsync(threadId, on, reason, v, ct), on ? text["The thread is pinned."] : text["The thread is unpinned."], ct);

    public async Task<IActionResult> OnPostSlowModeAsync(long threadId, int? minutes, int? hours, string? reason, CancellationToken ct)
    {
        if (minutes is not null and (< 1 or > 1440) || hours is not null and (< 1 or > 24 * 90))
        {
            return await FailAsync(threadId, text["Slow mode takes 1 to 1,440 minutes, for 1 to 2,160 hours (or until turned off)."], ct);
        }
        var interval = minutes is { } m ? TimeSpan.FromMinutes(m) : (TimeSpan?)null;
        var until = interval is not null && hours is { } h ? clock.GetUtcNow().AddHours(h) : (DateTimeOffset?)null;
        return await ActAsync(threadId, v => actions.SetSlowModeAsync(threadId, interval, until, reason, v, ct),
            interval is null ? text["Slow mode is off."] : text["Slow mode is on."], ct);
    }

    public async Task<IActionResult> OnPostLabelAsync(long threadId, SensitivityLabel label, string? reason, CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        var result = await actions.SetLabelAsync(threadId, label, reason, viewer, ct);
        if (result == ModeratorActions.LabelChange.NotAllowed)
        {
            return await FailAsync(threadId, text["That label is not allowed: never laxer than the space, and only the space's own moderators lower a label."], ct);
        }
        if (result == ModeratorActions.LabelChange.ReasonRequired)
        {
            return await FailAsync(threadId, text["Give a reason for lowering the label: it is written to the moderation log."], ct);
        }
        TempData["Status"] = (string)text["The thread's label is now {0}.", LabelTagHelper.Name(label)];
        return Redirect($"/Moderation/Thread?threadId={threadId}");
    }

    public async Task<IActionResult> OnPostChathamHouseAsync(long threadId, bool on, string? reason, CancellationToken ct)
    {
        var result = await actions.SetChathamHouseAsync(threadId, on, reason, await current.GetAsync(ct), ct);
        if (result == ModeratorActions.LabelChange.NotAllowed)
        {
            return await LoadAsync(threadId, ct) ?? StatusCode(StatusCodes.Status403Forbidden);
        }
        if (result == ModeratorActions.LabelChange.ReasonRequired)
        {
            return await FailAsync(threadId, text["Give a reason for lifting the Chatham House Rule: it is written to the moderation log."], ct);
        }
        TempData["Status"] = on ? (string)text["The thread runs under the Chatham House Rule."] : (string)text["The Chatham House Rule is lifted: authors are shown by name."];
        return Redirect($"/Moderation/Thread?threadId={threadId}");
    }

    public async Task<IActionResult> OnPostMoveAsync(long threadId, long targetSpaceId, string? reason, bool liftChathamHouse, CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        if (!await actions.MoveAsync(threadId, targetSpaceId, reason, viewer, ct, liftChathamHouse))
        {
            return await FailAsync(threadId, text["Choose another space that you moderate."], ct);
        }
        TempData["Status"] = (string)text["The thread was moved."];
        return Redirect($"/Threads/{threadId}");
    }

    public async Task<IActionResult> OnPostSilenceAsync(long threadId, string? userId, int? days, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(userId) || days is not (>= 1 and <= 365))
        {
            return await FailAsync(threadId, text["Choose a member and a period of 1 to 365 days."], ct);
        }
        var until = clock.GetUtcNow().AddDays(days.Value);
        return await ActAsync(threadId, v => actions.SilenceAsync(threadId, userId, until, reason, v, ct), text["The member is silenced in this space."], ct);
    }

    private async Task<IActionResult> ActAsync(long threadId, Func<Viewer, Task<bool>> act, string done, CancellationToken ct)
    {
        if (!await act(await current.GetAsync(ct)))
        {
            return await LoadAsync(threadId, ct) ?? StatusCode(StatusCodes.Status403Forbidden);
        }
        TempData["Status"] = done;
        return Redirect($"/Moderation/Thread?threadId={threadId}");
    }

    private async Task<IActionResult> FailAsync(long threadId, string error, CancellationToken ct)
    {
        if (await LoadAsync(threadId, ct) is { } refusal)
        {
            return refusal;
        }
        Error = error;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(long threadId, CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        var thread = await db.Threads.AsNoTracking().VisibleTo(viewer).Include(t => t.Participants).Include(t => t.Space)
            .SingleOrDefaultAsync(t => t.Id == threadId, ct);
        if (thread is null)
        {
            return NotFound();
        }
        var facts = Posting.Facts(thread);
        if (!AccessPolicy.Can(viewer, facts, AccessAction.Moderate))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        (ThreadId, Title, Label, SpaceLabel) = (thread.Id, thread.Title, thread.Label, thread.Space!.DefaultLabel);
        (Locked, Closed, Pinned, SlowMode, SlowModeUntil) = (thread.LockedAt is not null, thread.ClosedAt is not null, thread.PinnedAt is not null,
            thread.SlowModeInterval, thread.SlowModeUntil);
        CanLower = AccessPolicy.CanLowerLabel(viewer, facts);
        ChathamHouse = thread.ChathamHouse;
        Members = await db.SpaceMembers.AsNoTracking()
            .Where(m => m.SpaceId == thread.SpaceId && m.Status == SpaceMemberStatus.Active && m.UserId != viewer.UserId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u)
            .OrderBy(u => u.DisplayName).Select(u => new Member(u.Id, u.DisplayName)).ToListAsync(ct);
        var moderated = viewer.ModeratedSpaceIds();
        var all = viewer.IsAdmin || viewer.IsSiteModerator;
        Targets = await db.Spaces.AsNoTracking().VisibleTo(viewer)
            .Where(s => s.Id != thread.SpaceId && (all || moderated.Contains(s.Id)))
            .OrderBy(s => s.Name).Select(s => new Target(s.Id, s.Name, s.DefaultLabel)).ToListAsync(ct);
        return null;
    }
}
