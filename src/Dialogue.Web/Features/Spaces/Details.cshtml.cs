using Dialogue.Data;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Moderation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Spaces;

/// <summary>A space and its threads (pinned first, then by last activity), with joining and watching.</summary>
public class DetailsModel(DialogueDbContext db, CurrentViewer current, StaffNotifier staff, Privacy.Pseudonyms pseudonyms, TimeProvider clock, IStringLocalizer<Text> text) : PageModel
{
    public const int PageSize = 30;

    public sealed record SpaceView(long Id, string Name, string Slug, string Description, SensitivityLabel DefaultLabel, SpaceJoinPolicy JoinPolicy,
        SpaceMemberStatus? Membership, bool Watching);

    public sealed record ThreadRow(long Id, string Title, SensitivityLabel Label, string AuthorName, int PostCount, DateTimeOffset LastActivityAt,
        bool Pinned, bool Locked, bool Closed, PostStatus Status, List<string> Tags, bool Unread, bool ChathamHouse = false, int? AuthorPseudonym = null,
        DateTimeOffset? EmbargoUntil = null);

    public SpaceView Space { get; private set; } = null!;
    public IReadOnlyList<ThreadRow> Threads { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;
    public bool HasNextPage { get; private set; }
    public Viewer Viewer { get; private set; } = Viewer.Anonymous;
    public SpaceFacts Facts => new(Space.Id, Space.DefaultLabel, Space.JoinPolicy);

    [BindProperty] public string? RequestMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, int p = 1, CancellationToken ct = default)
    {
        if (!await LoadSpaceAsync(slug, ct))
        {
            return NotFound();
        }
        PageNumber = Math.Max(1, p);
        var userId = Viewer.UserId;
        var readablePosts = db.Posts.AsNoTracking().VisibleTo(Viewer);
        // The page's threads are chosen first and only they get their counts and unread marks: SQLite computes a row's
        // columns before it sorts, so asking for them in the sorted query counted the posts of every thread in the space.
        var onPage = ListOrder(db.Threads.VisibleTo(Viewer).Where(t => t.SpaceId == Space.Id))
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize + 1)
            .Select(t => t.Id);
        var rows = await ListOrder(db.Threads.AsNoTracking().Where(t => onPage.Contains(t.Id)))
            .Select(t => new ThreadRow(t.Id, t.Title, t.Label,
                t.ChathamHouse ? "" : db.Users.Where(u => u.Id == t.AuthorId).Select(u => u.DisplayName).First(),
                // What every reader sees in the thread, moderators and authors too: held, hidden, rejected, removed,
                // deleted and scheduled posts are left out (t.PostCount counts them all, their numbers are taken).
                t.Posts.Count(x => x.Status == PostStatus.Approved && !x.IsDeleted && x.EmbargoUntil == null), t.LastActivityAt, t.PinnedAt != null, t.LockedAt != null, t.ClosedAt != null, t.Status,
                t.Tags.OrderBy(x => x.Tag).Select(x => x.Tag).ToList(),
                // Unread means a post the viewer may read past where they stopped: a post waiting in review is not news to
                // a reader (its moderators see it). The counter settles most read threads without asking the access
                // policy about their posts; never read is unread.
                userId != null && !db.ReadStates.Any(r => r.UserId == userId && r.ThreadId == t.Id && (r.LastReadPostNumber >= t.PostCount
                    || !readablePosts.Any(p => p.ThreadId == t.Id && p.Number > r.LastReadPostNumber))),
                t.ChathamHouse,
                db.ThreadPseudonyms.Where(x => x.ThreadId == t.Id && x.UserId == t.AuthorId).Select(x => (int?)x.Number).FirstOrDefault(),
                t.EmbargoUntil))
            .ToListAsync(ct);
        HasNextPage = rows.Count > PageSize;
        // A Chatham House thread's starter by their pseudonym; the real name is not even read.
        Threads = [.. rows.Take(PageSize).Select(r => r.ChathamHouse ? r with { AuthorName = pseudonyms.Name(r.AuthorPseudonym) } : r)];
        return Page();
    }

    public Task<IActionResult> OnPostJoinAsync(string slug, CancellationToken ct) => ChangeAsync(slug, async (space, row, now) =>
    {
        if (row is { Status: SpaceMemberStatus.Invited })
        {
            row.Status = SpaceMemberStatus.Active;
            return text["Welcome to the space."];
        }
        if (!AccessPolicy.CanJoin(Viewer, Facts) || row is not null)
        {
            return null;
        }
        db.SpaceMembers.Add(new SpaceMember { SpaceId = space.Id, UserId = Viewer.UserId!, CreatedAt = now });
        await Task.CompletedTask;
        return text["Welcome to the space."];
    }, ct);

    public Task<IActionResult> OnPostRequestAsync(string slug, CancellationToken ct) => ChangeAsync(slug, async (space, row, now) =>
    {
        if (!AccessPolicy.CanRequestToJoin(Viewer, Facts) || row is not null)
        {
            return null;
        }
        var message = RequestMessage?.Trim();
        db.SpaceMembers.Add(new SpaceMember
        {
            SpaceId = space.Id,
            UserId = Viewer.UserId!,
            Status = SpaceMemberStatus.Requested,
            CreatedAt = now,
            RequestMessage = string.IsNullOrEmpty(message) ? null : message[..Math.Min(message.Length, 1000)],
        });
        await staff.JoinRequestedAsync(space.Id, Viewer.UserId!, ct);
        return text["Your request was sent to the space's moderators."];
    }, ct);

    public Task<IActionResult> OnPostLeaveAsync(string slug, CancellationToken ct) => ChangeAsync(slug, (space, row, now) =>
    {
        if (row is null)
        {
            return Task.FromResult<string?>(null);
        }
        db.SpaceMembers.Remove(row);
        return Task.FromResult<string?>(row.Status == SpaceMemberStatus.Active ? text["You left the space."] : text["Done."]);
    }, ct);

    public Task<IActionResult> OnPostWatchAsync(string slug, CancellationToken ct) => ChangeAsync(slug, async (space, row, now) =>
    {
        if (!await db.Watches.AnyAsync(w => w.UserId == Viewer.UserId && w.SpaceId == space.Id, ct))
        {
            db.Watches.Add(new Watch { UserId = Viewer.UserId!, SpaceId = space.Id, CreatedAt = now });
        }
        return text["You are watching this space: you will be notified of every new post you may read."];
    }, ct);

    public Task<IActionResult> OnPostUnwatchAsync(string slug, CancellationToken ct) => ChangeAsync(slug, async (space, row, now) =>
    {
        await db.Watches.Where(w => w.UserId == Viewer.UserId && w.SpaceId == space.Id).ExecuteDeleteAsync(ct);
        return text["You no longer watch this space."];
    }, ct);

    private async Task<IActionResult> ChangeAsync(string slug, Func<SpaceView, SpaceMember?, DateTimeOffset, Task<string?>> change, CancellationToken ct)
    {
        if (!await LoadSpaceAsync(slug, ct))
        {
            return NotFound();
        }
        if (!Viewer.IsApproved)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        var row = await db.SpaceMembers.SingleOrDefaultAsync(m => m.SpaceId == Space.Id && m.UserId == Viewer.UserId, ct);
        var status = await change(Space, row, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        if (status is not null)
        {
            TempData["Status"] = status;
        }
        return RedirectToPage("Details", new { slug = Space.Slug });
    }

    private async Task<bool> LoadSpaceAsync(string slug, CancellationToken ct)
    {
        Viewer = await current.GetAsync(ct);
        var userId = Viewer.UserId;
        var space = await db.Spaces.AsNoTracking().VisibleTo(Viewer)
            .Where(s => s.Slug == slug)
            .Select(s => new SpaceView(s.Id, s.Name, s.Slug, s.Description, s.DefaultLabel, s.JoinPolicy,
                s.Members.Where(m => m.UserId == userId).Select(m => (SpaceMemberStatus?)m.Status).FirstOrDefault(),
                db.Watches.Any(w => w.UserId == userId && w.SpaceId == s.Id)))
            .SingleOrDefaultAsync(ct);
        if (space is null)
        {
            return false;
        }
        Space = space;
        return true;
    }

    /// <summary>Pinned first, then by last activity: the order the page is cut in and the order its rows are shown in.</summary>
    private static IOrderedQueryable<DiscussionThread> ListOrder(IQueryable<DiscussionThread> threads) => threads
        .OrderByDescending(t => t.PinnedAt != null)
        .ThenByDescending(t => t.LastActivityAt)
        .ThenByDescending(t => t.Id);
}
