using System.Globalization;
using Dialogue.Data;
using Dialogue.Data.AccessReviews;
using Dialogue.Data.Moderation;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Privacy.AccessReviews;

/// <summary>
/// A space's access review (its moderators, or the site's admins when it has none) or a RED thread's (its starter): every member under review with their role,
/// when they joined and when they were last active, each confirmed or removed, one by one or "confirm all remaining";
/// and, for a space, how often it is reviewed. The space or thread id is guarded by ResourceAccessFilter; anyone but
/// its reviewers gets 404 as well, so the page does not disclose who belongs.
/// </summary>
public class ReviewModel(DialogueDbContext db, CurrentViewer current, TimeProvider clock, IOptions<AccessReviewOptions> options, IStringLocalizer<Text> text)
    : PageModel
{
    public sealed record Row(string UserId, string Name, SpaceRole Role, DateTimeOffset JoinedAt, DateTimeOffset? LastActivity,
        AccessReviewDecision Decision, string? DecidedByName, DateTimeOffset? DecidedAt);

    public sealed record OpenReview(long Id, int Round, DateTimeOffset OpenedAt, DateTimeOffset LapsesAt);

    public sealed record PastReview(DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, int Confirmed, int Removed, int Lapsed);

    /// <summary>Bound as text so that a word or a fraction gets this page's own message rather than the model binder's.</summary>
    [BindProperty]
    public string? Days { get; set; }

    public long SpaceId { get; private set; }
    public long? ThreadId { get; private set; }
    public string Name { get; private set; } = "";
    public SensitivityLabel Label { get; private set; }
    public int? OwnInterval { get; private set; }
    public int SiteInterval => options.Value.IntervalDays;
    public int IntervalDays => OwnInterval ?? SiteInterval;
    public OpenReview? Open { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<PastReview> Past { get; private set; } = [];
    public DateTimeOffset NextDueAt { get; private set; }
    public Viewer Viewer { get; private set; } = Viewer.Anonymous;
    /// <summary>The space has no moderator: its review goes to the site's admins.</summary>
    public bool ReviewedByAdmins { get; private set; }
    public int Pending => Rows.Count(r => r.Decision == AccessReviewDecision.Pending);

    public async Task<IActionResult> OnGetAsync(long? spaceId, long? threadId, CancellationToken ct)
    {
        if (!await LoadAsync(spaceId, threadId, ct))
        {
            return NotFound();
        }
        Days = OwnInterval?.ToString(CultureInfo.InvariantCulture);
        return Page();
    }

    public Task<IActionResult> OnPostConfirmAsync(long? spaceId, long? threadId, string userId, CancellationToken ct) =>
        DecideAsync(spaceId, threadId, userId, AccessReviewDecision.Confirmed, ct);

    public Task<IActionResult> OnPostRemoveAsync(long? spaceId, long? threadId, string userId, CancellationToken ct) =>
        DecideAsync(spaceId, threadId, userId, AccessReviewDecision.Removed, ct);

    public Task<IActionResult> OnPostConfirmAllAsync(long? spaceId, long? threadId, CancellationToken ct) =>
        DecideAsync(spaceId, threadId, null, AccessReviewDecision.Confirmed, ct);

    public async Task<IActionResult> OnPostIntervalAsync(long? spaceId, CancellationToken ct)
    {
        if (spaceId is null || !await LoadAsync(spaceId, null, ct))
        {
            return NotFound();
        }
        int? days = null;
        var input = Days?.Trim();
        if (!string.IsNullOrEmpty(input))
        {
            if (!int.TryParse(input, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                || parsed < AccessReviewOptions.MinIntervalDays || parsed > AccessReviewOptions.MaxIntervalDays)
            {
                ModelState.AddModelError(nameof(Days), text["Enter a whole number of days from {0} to {1}, or leave the field empty for the site's default.",
                    AccessReviewOptions.MinIntervalDays, AccessReviewOptions.MaxIntervalDays]);
                return Page();
            }
            days = parsed;
        }
        var now = clock.GetUtcNow();
        var row = await db.AccessReviewIntervals.SingleOrDefaultAsync(i => i.SpaceId == SpaceId, ct);
        if (days is null)
        {
            if (row is not null)
            {
                db.AccessReviewIntervals.Remove(row);
            }
        }
        else
        {
            if (row is null)
            {
                row = new AccessReviewInterval { SpaceId = SpaceId };
                db.AccessReviewIntervals.Add(row);
            }
            row.Days = days.Value;
            row.SetById = Viewer.UserId;
            row.SetAt = now;
        }
        db.ModerationLog.Add(new ModerationLogEntry
        {
            ActorId = Viewer.UserId,
            At = now,
            Action = ModerationAction.SetAccessReviewInterval,
            SpaceId = SpaceId,
            Details = days is { } d ? $"{d} days" : "site default",
        });
        await db.SaveChangesAsync(ct);
        TempData["Status"] = days is null
            ? text["The space is reviewed every {0} days, the site's default.", SiteInterval].Value
            : text["The space is reviewed every {0} days.", days.Value].Value;
        return RedirectToPage(new { spaceId = SpaceId });
    }

    private async Task<IActionResult> DecideAsync(long? spaceId, long? threadId, string? userId, AccessReviewDecision decision, CancellationToken ct)
    {
        if (!await LoadAsync(spaceId, threadId, ct))
        {
            return NotFound();
        }
        var back = RedirectToPage(ThreadId is { } tid ? new { threadId = tid } : (object)new { spaceId = SpaceId });
        if (Open is null)
        {
            TempData["Status"] = text["This review has closed; nothing was changed."].Value;
            return back;
        }
        if (decision == AccessReviewDecision.Removed && userId == Viewer.UserId)
        {
            TempData["Status"] = text["You cannot remove yourself in a review; leave the space instead."].Value;
            return back;
        }
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var items = await db.AccessReviewItems
            .Where(i => i.ReviewId == Open.Id && i.Decision == AccessReviewDecision.Pending && (userId == null || i.UserId == userId))
            .ToListAsync(ct);
        foreach (var item in items)
        {
            item.DecidedAt = now;
            item.DecidedById = Viewer.UserId;
            item.Decision = decision == AccessReviewDecision.Removed && !await AccessReviewAccess.EndAsync(db, SpaceId, ThreadId, item.UserId, ct)
                ? AccessReviewDecision.Gone
                : decision;
        }
        if (items.Count > 0)
        {
            db.ModerationLog.Add(new ModerationLogEntry
            {
                ActorId = Viewer.UserId,
                At = now,
                Action = decision == AccessReviewDecision.Removed ? ModerationAction.RemoveAfterReview : ModerationAction.ConfirmAccess,
                SpaceId = SpaceId,
                ThreadId = ThreadId,
                TargetUserId = userId,
                Details = userId is null ? $"{items.Count} confirmed" : null,
            });
        }
        await db.SaveChangesAsync(ct);
        if (!await db.AccessReviewItems.AnyAsync(i => i.ReviewId == Open.Id && i.Decision == AccessReviewDecision.Pending, ct))
        {
            await db.AccessReviews.Where(r => r.Id == Open.Id && r.ClosedAt == null).ExecuteUpdateAsync(u => u.SetProperty(r => r.ClosedAt, now), ct);
        }
        await transaction.CommitAsync(ct);
        TempData["Status"] = (items.Count, decision) switch
        {
            (0, _) => text["Already decided; nothing was changed."].Value,
            (_, AccessReviewDecision.Removed) => text["Removed. Their access has ended."].Value,
            (1, _) => text["Confirmed."].Value,
            _ => text["{0} members confirmed.", items.Count].Value,
        };
        return back;
    }

    private async Task<bool> LoadAsync(long? spaceId, long? threadId, CancellationToken ct)
    {
        Viewer = await current.GetAsync(ct);
        if (threadId is { } tid)
        {
            var thread = await db.Threads.AsNoTracking().VisibleTo(Viewer).Where(t => t.Id == tid)
                .Select(t => new { t.Title, t.SpaceId, t.Label, t.AuthorId, t.Status, t.CreatedAt, Participants = t.Participants.Select(p => p.UserId).ToList() })
                .SingleOrDefaultAsync(ct);
            if (thread is null || !AccessPolicy.CanReviewAccess(Viewer, new ThreadFacts(thread.SpaceId, thread.Label, thread.AuthorId, thread.Participants, thread.Status)))
            {
                return false;
            }
            (SpaceId, ThreadId, Name, Label) = (thread.SpaceId, tid, thread.Title, thread.Label);
            OwnInterval = await db.AccessReviewIntervals.AsNoTracking().Where(i => i.SpaceId == thread.SpaceId).Select(i => (int?)i.Days).FirstOrDefaultAsync(ct);
            await LoadReviewsAsync(thread.CreatedAt, ct);
            return true;
        }
        if (spaceId is not { } sid)
        {
            return false;
        }
        var space = await db.Spaces.AsNoTracking().VisibleTo(Viewer).Where(s => s.Id == sid)
            .Select(s => new
            {
                s.Name,
                s.DefaultLabel,
                s.JoinPolicy,
                s.CreatedAt,
                Days = db.AccessReviewIntervals.Where(i => i.SpaceId == s.Id).Select(i => (int?)i.Days).FirstOrDefault(),
                HasModerator = db.SpaceMembers.Any(m => m.SpaceId == s.Id && m.Role == SpaceRole.Moderator && m.Status == SpaceMemberStatus.Active),
            })
            .SingleOrDefaultAsync(ct);
        if (space is null || !AccessPolicy.CanReviewAccess(Viewer, new SpaceFacts(sid, space.DefaultLabel, space.JoinPolicy), space.HasModerator))
        {
            return false;
        }
        ReviewedByAdmins = !space.HasModerator;
        (SpaceId, Name, Label, OwnInterval) = (sid, space.Name, space.DefaultLabel, space.Days);
        await LoadReviewsAsync(space.CreatedAt, ct);
        return true;
    }

    private async Task LoadReviewsAsync(DateTimeOffset createdAt, CancellationToken ct)
    {
        var reviews = db.AccessReviews.AsNoTracking().Where(r => ThreadId == null ? r.SpaceId == SpaceId && r.ThreadId == null : r.ThreadId == ThreadId);
        var recent = await reviews.OrderByDescending(r => r.Round).Take(6)
            .Select(r => new
            {
                r.Id,
                r.Round,
                r.OpenedAt,
                r.LapsesAt,
                r.ClosedAt,
                Confirmed = r.Items.Count(i => i.Decision == AccessReviewDecision.Confirmed),
                Removed = r.Items.Count(i => i.Decision == AccessReviewDecision.Removed),
                Lapsed = r.Items.Count(i => i.Decision == AccessReviewDecision.Lapsed),
            })
            .ToListAsync(ct);
        var latest = recent.FirstOrDefault();
        Open = latest is { ClosedAt: null } ? new OpenReview(latest.Id, latest.Round, latest.OpenedAt, latest.LapsesAt) : null;
        Past = [.. recent.Where(r => r.ClosedAt is not null).Select(r => new PastReview(r.OpenedAt, r.ClosedAt, r.Confirmed, r.Removed, r.Lapsed))];
        NextDueAt = (latest?.OpenedAt ?? createdAt).AddDays(IntervalDays);
        if (Open is null)
        {
            return;
        }
        // "Last activity": their latest post or reading in the space (or the thread), each found by an indexed subquery per row.
        var threadIds = db.Threads.Where(t => ThreadId == null ? t.SpaceId == SpaceId : t.Id == ThreadId).Select(t => t.Id);
        var rows = await db.AccessReviewItems.AsNoTracking().Where(i => i.ReviewId == Open.Id)
            .Select(i => new
            {
                i.UserId,
                Name = db.Users.Where(u => u.Id == i.UserId).Select(u => u.DisplayName).FirstOrDefault(),
                i.Role,
                i.JoinedAt,
                LastPost = db.Posts.Where(p => p.AuthorId == i.UserId && threadIds.Contains(p.ThreadId)).OrderByDescending(p => p.Id)
                    .Select(p => (DateTimeOffset?)p.CreatedAt).FirstOrDefault(),
                LastRead = db.ReadStates.Where(r => r.UserId == i.UserId && threadIds.Contains(r.ThreadId)).OrderByDescending(r => r.UpdatedAt)
                    .Select(r => (DateTimeOffset?)r.UpdatedAt).FirstOrDefault(),
                i.Decision,
                DecidedBy = db.Users.Where(u => u.Id == i.DecidedById).Select(u => u.DisplayName).FirstOrDefault(),
                i.DecidedAt,
            })
            .ToListAsync(ct);
        Rows = [.. rows
            .Select(r => new Row(r.UserId, r.Name ?? "", r.Role, r.JoinedAt, Latest(r.LastPost, r.LastRead), r.Decision, r.DecidedBy, r.DecidedAt))
            .OrderBy(r => r.Decision != AccessReviewDecision.Pending)
            .ThenBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
