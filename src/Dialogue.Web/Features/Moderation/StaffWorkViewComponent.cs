using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Moderation;

/// <summary>
/// The header's staff badge: how much work waits for this person, counted through the same policy as the queues
/// themselves (held posts and flags they may moderate, join requests of spaces they manage, accounts for admins).
/// Nothing is queried for anyone who moderates nothing, so a member's or a visitor's page costs no extra query.
/// </summary>
public sealed class StaffWorkViewComponent(DialogueDbContext db, CurrentViewer current, LocalWrites writes) : ViewComponent
{
    /// <summary>Marks the badge's queries in the SQL, so a page's own query count can leave the layout's out.</summary>
    public const string QueryTag = "layout: staff work";

    public sealed record SpaceRequests(string Name, long SpaceId, int Count);

    /// <summary>An open access review the viewer conducts: of a space they moderate (an admin: one nobody moderates), or of a RED thread they started.</summary>
    public sealed record AccessReview(string Name, string Link, bool ForThread, int Pending);

    public sealed record Work(int HeldPosts, int FlaggedPosts, IReadOnlyList<SpaceRequests> JoinRequests, int AccountsToApprove, bool IsAdmin,
        IReadOnlyList<AccessReview> AccessReviews)
    {
        public int Total => HeldPosts + FlaggedPosts + JoinRequests.Sum(r => r.Count) + AccountsToApprove + AccessReviews.Count;
    }

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var ct = HttpContext.RequestAborted;
        var viewer = await current.GetAsync(ct);
        var managed = viewer.ModeratedSpaceIds();
        if (!viewer.IsApproved || !(viewer.IsAdmin || viewer.IsSiteModerator || managed.Length > 0))
        {
            return Content("");
        }
        // Every page shows the badge; its five counts are read again only after something was written.
        return View(await writes.RememberAsync(QueryTag, viewer.UserId!, () => CountAsync(viewer, managed, ct)));
    }

    private async Task<Work> CountAsync(Viewer viewer, long[] managed, CancellationToken ct)
    {
        var moderated = db.Posts.AsNoTracking().TagWith(QueryTag).ModeratedBy(viewer).Where(p => !p.IsDeleted);
        var held = await moderated.CountAsync(p => p.Status == PostStatus.Pending, ct);
        var flagged = await moderated.CountAsync(p => db.Flags.Any(f => f.PostId == p.Id && f.ResolvedAt == null), ct);
        var requests = db.SpaceMembers.AsNoTracking().TagWith(QueryTag).Where(m => m.Status == SpaceMemberStatus.Requested);
        if (!viewer.IsAdmin)
        {
            requests = requests.Where(m => managed.Contains(m.SpaceId));
        }
        var joins = await db.Spaces.AsNoTracking().TagWith(QueryTag)
            .Select(s => new { s.Name, s.Id, Count = requests.Count(m => m.SpaceId == s.Id) })
            .Where(r => r.Count > 0)
            .OrderBy(r => r.Name).Take(10)
            .Select(r => new SpaceRequests(r.Name, r.Id, r.Count))
            .ToListAsync(ct);
        var accounts = viewer.IsAdmin ? await db.Users.TagWith(QueryTag).CountAsync(u => u.Status == AccountStatus.PendingApproval, ct) : 0;
        // Space reviews by the space's moderators (by membership), or by admins where it has none; thread reviews by the
        // starter: AccessPolicy.CanReviewAccess as a query.
        var isAdmin = viewer.IsAdmin;
        var reviews = await db.AccessReviews.AsNoTracking().TagWith(QueryTag)
            .Where(r => r.ClosedAt == null
                && (r.ThreadId == null
                    ? managed.Contains(r.SpaceId)
                        || (isAdmin && !db.SpaceMembers.Any(m => m.SpaceId == r.SpaceId && m.Role == SpaceRole.Moderator && m.Status == SpaceMemberStatus.Active))
                    : db.Threads.Any(t => t.Id == r.ThreadId && t.AuthorId == viewer.UserId)))
            .OrderBy(r => r.LapsesAt).Take(10)
            .Select(r => new
            {
                r.SpaceId,
                r.ThreadId,
                Name = r.ThreadId == null ? db.Spaces.Where(s => s.Id == r.SpaceId).Select(s => s.Name).FirstOrDefault() : db.Threads.Where(t => t.Id == r.ThreadId).Select(t => t.Title).FirstOrDefault(),
                Pending = r.Items.Count(i => i.Decision == Dialogue.Data.AccessReviews.AccessReviewDecision.Pending),
            })
            .ToListAsync(ct);
        var accessReviews = reviews.Select(r => new AccessReview(r.Name ?? "", Privacy.AccessReviews.AccessReviewJob.Link(r.SpaceId, r.ThreadId), r.ThreadId is not null, r.Pending)).ToList();
        return new Work(held, flagged, joins, accounts, viewer.IsAdmin, accessReviews);
    }
}
