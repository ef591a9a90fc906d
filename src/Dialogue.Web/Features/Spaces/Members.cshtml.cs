using Dialogue.Data;
using Dialogue.Data.Moderation;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Accounts;
using Dialogue.Web.Features.Threads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Spaces;

/// <summary>
/// A space's members: its moderators (and admins) approve or decline requests, invite members and remove
/// them; admins appoint and remove space moderators. Every decision is written to the moderation log. A space can have
/// thousands of members, so they come a page at a time, moderators first, and can be found by name or email.
/// </summary>
public class MembersModel(DialogueDbContext db, CurrentViewer current, NotificationPreferences preferences, TimeProvider clock, IStringLocalizer<Text> text) : PageModel
{
    public sealed record Row(string UserId, string DisplayName, string? Email, SpaceRole Role, SpaceMemberStatus Status, DateTimeOffset Since, string? RequestMessage);

    public long SpaceId { get; private set; }
    public string SpaceName { get; private set; } = "";
    public string SpaceSlug { get; private set; } = "";
    public const int PageSize = 50;

    /// <summary>Requests and invitations: few, and each waits for a decision, so they are always listed in full.</summary>
    public IReadOnlyList<Row> Pending { get; private set; } = [];

    /// <summary>One page of the active members.</summary>
    public IReadOnlyList<Row> Members { get; private set; } = [];

    public int ActiveCount { get; private set; }

    public bool HasNextPage { get; private set; }

    // Query keys, not UI text (constants keep them out of the translation check's reach). "page" is the route value
    // Razor Pages uses for the page's own path, so the page number is "p".
    private const string SearchKey = "q";
    private const string PageKey = "p";

    [BindProperty(SupportsGet = true, Name = SearchKey)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = PageKey)]
    public int PageNumber { get; set; } = 1;
    public Viewer Viewer { get; private set; } = Viewer.Anonymous;

    [BindProperty] public string? InviteEmail { get; set; }

    public async Task<IActionResult> OnGetAsync(long spaceId, CancellationToken ct) =>
        await LoadAsync(spaceId, ct) ? Page() : refusal;

    public Task<IActionResult> OnPostApproveAsync(long spaceId, string userId, CancellationToken ct) =>
        DecideAsync(spaceId, userId, SpaceMemberStatus.Requested, ModerationAction.ApproveSpaceRequest, (row, now) =>
        {
            row.Status = SpaceMemberStatus.Active;
            row.DecidedAt = now;
            row.DecidedById = Viewer.UserId;
        }, ct: ct);

    public Task<IActionResult> OnPostDeclineAsync(long spaceId, string userId, CancellationToken ct) =>
        DecideAsync(spaceId, userId, SpaceMemberStatus.Requested, ModerationAction.DeclineSpaceRequest, (row, _) => db.SpaceMembers.Remove(row), ct: ct);

    public Task<IActionResult> OnPostRemoveAsync(long spaceId, string userId, CancellationToken ct) =>
        DecideAsync(spaceId, userId, null, ModerationAction.RemoveFromSpace, (row, _) => db.SpaceMembers.Remove(row), ct: ct);

    public Task<IActionResult> OnPostPromoteAsync(long spaceId, string userId, CancellationToken ct) =>
        DecideAsync(spaceId, userId, SpaceMemberStatus.Active, ModerationAction.AddSpaceModerator, (row, _) => row.Role = SpaceRole.Moderator, adminOnly: true, ct: ct);

    public Task<IActionResult> OnPostDemoteAsync(long spaceId, string userId, CancellationToken ct) =>
        DecideAsync(spaceId, userId, SpaceMemberStatus.Active, ModerationAction.RemoveSpaceModerator, (row, _) => row.Role = SpaceRole.Member, adminOnly: true, ct: ct);

    public async Task<IActionResult> OnPostInviteAsync(long spaceId, CancellationToken ct)
    {
        if (!await LoadAsync(spaceId, ct))
        {
            return refusal;
        }
        var email = InviteEmail?.Trim().ToUpperInvariant() ?? "";
        var user = email.Length == 0 ? null : await db.Users.AsNoTracking()
            .Where(u => u.NormalizedEmail == email && u.Status == Dialogue.Data.Accounts.AccountStatus.Active)
            .Select(u => new { u.Id }).SingleOrDefaultAsync(ct);
        if (user is null)
        {
            ModelState.AddModelError(nameof(InviteEmail), text["No member has this email address."]);
            return Page();
        }
        var now = clock.GetUtcNow();
        var row = await db.SpaceMembers.SingleOrDefaultAsync(m => m.SpaceId == spaceId && m.UserId == user.Id, ct);
        if (row is { Status: SpaceMemberStatus.Active })
        {
            ModelState.AddModelError(nameof(InviteEmail), text["This member already belongs to the space."]);
            return Page();
        }
        if (row is { Status: SpaceMemberStatus.Requested })
        {
            // They asked already: inviting them is approving them.
            row.Status = SpaceMemberStatus.Active;
            row.DecidedAt = now;
            row.DecidedById = Viewer.UserId;
        }
        else if (row is null)
        {
            db.SpaceMembers.Add(new SpaceMember
            {
                SpaceId = spaceId,
                UserId = user.Id,
                Status = SpaceMemberStatus.Invited,
                CreatedAt = now,
                DecidedAt = now,
                DecidedById = Viewer.UserId,
            });
            db.Notifications.Add(new Notification
            {
                RecipientId = user.Id,
                Kind = NotificationKind.SpaceInvitation,
                SpaceId = spaceId,
                ActorId = Viewer.UserId,
                CreatedAt = now,
            });
        }
        db.ModerationLog.Add(new ModerationLogEntry { ActorId = Viewer.UserId, At = now, Action = ModerationAction.InviteToSpace, SpaceId = spaceId, TargetUserId = user.Id });
        await db.SaveChangesAsync(ct);
        TempData["Status"] = (string)text["The member was invited."];
        return RedirectToPage(new { spaceId, q = Search, p = PageNumber });
    }

    private async Task<IActionResult> DecideAsync(long spaceId, string userId, SpaceMemberStatus? expected, ModerationAction action,
        Action<SpaceMember, DateTimeOffset> apply, bool adminOnly = false, CancellationToken ct = default)
    {
        if (!await LoadAsync(spaceId, ct))
        {
            return refusal;
        }
        if (adminOnly && !AccessPolicy.CanManageSpaces(Viewer))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        var row = await db.SpaceMembers.SingleOrDefaultAsync(m => m.SpaceId == spaceId && m.UserId == userId, ct);
        if (row is null || (expected is not null && row.Status != expected))
        {
            return RedirectToPage(new { spaceId, q = Search, p = PageNumber });
        }
        var now = clock.GetUtcNow();
        apply(row, now);
        db.ModerationLog.Add(new ModerationLogEntry { ActorId = Viewer.UserId, At = now, Action = action, SpaceId = spaceId, TargetUserId = userId });
        if (action is ModerationAction.ApproveSpaceRequest or ModerationAction.DeclineSpaceRequest
            && (await preferences.ForAsync(userId, NotificationTopic.ModerationOutcomes, ct)).InApp)
        {
            db.Notifications.Add(new Notification
            {
                RecipientId = userId,
                Kind = NotificationKind.SpaceRequestDecided,
                SpaceId = spaceId,
                ActorId = Viewer.UserId,
                CreatedAt = now,
                Message = action == ModerationAction.ApproveSpaceRequest ? "approved" : "declined",
            });
        }
        await db.SaveChangesAsync(ct);
        TempData["Status"] = (string)text["Done."];
        return RedirectToPage(new { spaceId, q = Search, p = PageNumber });
    }

    /// <summary>Why <see cref="LoadAsync"/> refused, by the site's rule: 404 for a space the viewer cannot see, 403 for one they see but may not manage.</summary>
    private IActionResult refusal = new NotFoundResult();

    private async Task<bool> LoadAsync(long spaceId, CancellationToken ct)
    {
        Viewer = await current.GetAsync(ct);
        var space = await db.Spaces.AsNoTracking().VisibleTo(Viewer).Where(s => s.Id == spaceId).Select(s => new { s.Name, s.Slug }).SingleOrDefaultAsync(ct);
        if (space is null)
        {
            refusal = NotFound();
            return false;
        }
        if (!AccessPolicy.CanManageMembers(Viewer, spaceId))
        {
            refusal = StatusCode(StatusCodes.Status403Forbidden);
            return false;
        }
        (SpaceId, SpaceName, SpaceSlug) = (spaceId, space.Name, space.Slug);
        PageNumber = Math.Max(1, PageNumber);
        Pending = await db.SpaceMembers.AsNoTracking().Where(m => m.SpaceId == spaceId && m.Status != SpaceMemberStatus.Active)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m, u })
            .OrderBy(x => x.m.CreatedAt)
            .Select(x => new Row(x.m.UserId, x.u.DisplayName, x.u.Email, x.m.Role, x.m.Status, x.m.CreatedAt, x.m.RequestMessage))
            .ToListAsync(ct);
        ActiveCount = await db.SpaceMembers.CountAsync(m => m.SpaceId == spaceId && m.Status == SpaceMemberStatus.Active, ct);
        // One extra row tells whether there is a next page.
        var page = await db.SpaceMembers.AsNoTracking().Where(m => m.SpaceId == spaceId && m.Status == SpaceMemberStatus.Active)
            .Join(db.Users.MatchingNameOrEmail(Search), m => m.UserId, u => u.Id, (m, u) => new { m, u })
            .OrderByDescending(x => x.m.Role).ThenBy(x => x.u.DisplayName).ThenBy(x => x.m.UserId)
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize + 1)
            .Select(x => new Row(x.m.UserId, x.u.DisplayName, x.u.Email, x.m.Role, x.m.Status, x.m.CreatedAt, x.m.RequestMessage))
            .ToListAsync(ct);
        HasNextPage = page.Count > PageSize;
        Members = page.Take(PageSize).ToList();
        return true;
    }
}
