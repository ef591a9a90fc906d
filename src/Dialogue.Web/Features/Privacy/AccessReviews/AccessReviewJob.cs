using Dialogue.Data;
using Dialogue.Data.AccessReviews;
using Dialogue.Data.Accounts;
using Dialogue.Data.Digests;
using Dialogue.Data.Moderation;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Infrastructure;
using Dialogue.Web.Infrastructure.Email;
using Dialogue.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Privacy.AccessReviews;

/// <summary>
/// The daily access review job. It opens a review for every AMBER, AMBER+STRICT and RED space (and every RED thread)
/// whose interval has passed since its last review, listing its members as they are and emailing its reviewers (a space's
/// moderators, or the site's admins when it has none; a RED thread's starter); and it
/// lapses what nobody decided in reviews whose grace period is over. It may run late, twice, or on two nodes at once:
/// a review's unique key (target and round) lets only one run open it, together with its mail, in one transaction;
/// and a review's lapse is claimed by closing it first, in the same transaction as the lapses.
/// </summary>
public sealed class AccessReviewJob(
    DialogueDbContext db,
    Outbox outbox,
    TimeProvider clock,
    IOptions<AccessReviewOptions> options,
    IOptions<AppOptions> app,
    IStringLocalizer<Text> text,
    ILogger<AccessReviewJob> logger)
{
    public const string RecurringJobId = "access-review";
    public const string OpenedEmailKind = "access-review-opened";
    public const string LapsedEmailKind = "access-review-lapsed";

    public sealed record Outcome(int Opened, int Lapsed);

    public async Task<Outcome> RunAsync(CancellationToken ct)
    {
        var opened = await OpenDueAsync(ct);
        var lapsed = await LapseDueAsync(ct);
        logger.LogInformation("Access review opened {Opened} reviews and lapsed {Lapsed} memberships", opened, lapsed);
        return new Outcome(opened, lapsed);
    }

    public static string Link(long spaceId, long? threadId) =>
        threadId is { } id ? $"/Privacy/AccessReview?threadId={id}" : $"/Privacy/AccessReview?spaceId={spaceId}";

    private sealed record Due(long SpaceId, long? ThreadId, int Round);

    private async Task<int> OpenDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var settings = options.Value;
        var reviewed = Enum.GetValues<SensitivityLabel>().Where(AccessPolicy.RequiresAccessReview).ToArray();
        // Few rows: the reviewed spaces and RED threads with their latest round; the dates are compared here.
        var spaces = await db.Spaces.AsNoTracking()
            .Where(s => reviewed.Contains(s.DefaultLabel))
            .Select(s => new
            {
                s.Id,
                s.CreatedAt,
                Days = db.AccessReviewIntervals.Where(i => i.SpaceId == s.Id).Select(i => (int?)i.Days).FirstOrDefault(),
                Last = db.AccessReviews.Where(r => r.SpaceId == s.Id && r.ThreadId == null).OrderByDescending(r => r.Round)
                    .Select(r => new { r.Round, r.OpenedAt, r.ClosedAt }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var threads = await db.Threads.AsNoTracking()
            .Where(t => t.Label == SensitivityLabel.Red && t.Status != PostStatus.Deleted && !db.RetentionPurges.Any(p => p.ThreadId == t.Id))
            .Select(t => new
            {
                t.Id,
                t.SpaceId,
                t.CreatedAt,
                Days = db.AccessReviewIntervals.Where(i => i.SpaceId == t.SpaceId).Select(i => (int?)i.Days).FirstOrDefault(),
                Last = db.AccessReviews.Where(r => r.ThreadId == t.Id).OrderByDescending(r => r.Round)
                    .Select(r => new { r.Round, r.OpenedAt, r.ClosedAt }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var due = spaces
            .Where(s => s.Last is null ? s.CreatedAt.AddDays(s.Days ?? settings.IntervalDays) <= now
                : s.Last.ClosedAt is not null && s.Last.OpenedAt.AddDays(s.Days ?? settings.IntervalDays) <= now)
            .Select(s => new Due(s.Id, null, (s.Last?.Round ?? 0) + 1))
            .Concat(threads
                .Where(t => t.Last is null ? t.CreatedAt.AddDays(t.Days ?? settings.IntervalDays) <= now
                    : t.Last.ClosedAt is not null && t.Last.OpenedAt.AddDays(t.Days ?? settings.IntervalDays) <= now)
                .Select(t => new Due(t.SpaceId, t.Id, (t.Last?.Round ?? 0) + 1)))
            .ToList();
        var opened = 0;
        foreach (var review in due)
        {
            if (await OpenAsync(review, now, ct))
            {
                opened++;
            }
        }
        return opened;
    }

    private async Task<bool> OpenAsync(Due due, DateTimeOffset now, CancellationToken ct)
    {
        var key = due.ThreadId is { } threadId ? $"thread:{threadId}:{due.Round}" : $"space:{due.SpaceId}:{due.Round}";
        var members = await db.SpaceMembers.AsNoTracking()
            .Where(m => m.SpaceId == due.SpaceId && m.Status == SpaceMemberStatus.Active)
            .Select(m => new { m.UserId, m.Role, m.CreatedAt })
            .ToListAsync(ct);
        var space = await db.Spaces.AsNoTracking().Where(s => s.Id == due.SpaceId).Select(s => new { s.Name, s.DefaultLabel }).SingleAsync(ct);
        List<AccessReviewItem> items;
        List<string> reviewers;
        var forAdmins = false;
        SensitivityLabel label;
        if (due.ThreadId is { } id)
        {
            var thread = await db.Threads.AsNoTracking().Where(t => t.Id == id)
                .Select(t => new { t.AuthorId, t.Label, Participants = t.Participants.Select(p => new { p.UserId, p.AddedAt }).ToList() })
                .SingleAsync(ct);
            var memberIds = members.ToDictionary(m => m.UserId, m => m.Role, StringComparer.Ordinal);
            // The starter reviews while they can still read the thread; the others listed are those who still can.
            if (!memberIds.ContainsKey(thread.AuthorId) || thread.Participants.All(p => p.UserId != thread.AuthorId))
            {
                return false;
            }
            items = [.. thread.Participants
                .Where(p => p.UserId != thread.AuthorId && memberIds.ContainsKey(p.UserId))
                .Select(p => new AccessReviewItem { UserId = p.UserId, Role = memberIds[p.UserId], JoinedAt = p.AddedAt })];
            reviewers = [thread.AuthorId];
            label = thread.Label;
        }
        else
        {
            items = [.. members.Select(m => new AccessReviewItem { UserId = m.UserId, Role = m.Role, JoinedAt = m.CreatedAt })];
            reviewers = [.. members.Where(m => m.Role == SpaceRole.Moderator).Select(m => m.UserId)];
            if (reviewers.Count == 0)
            {
                // A space nobody moderates is reviewed by the site's admins (who manage any space's members), not by nobody.
                reviewers = await AdminsAsync(ct);
                forAdmins = true;
            }
            label = space.DefaultLabel;
        }
        if (items.Count == 0 || reviewers.Count == 0)
        {
            // Nobody to review, or nobody to review them: a review could only lapse everyone. Looked at again next run.
            if (reviewers.Count == 0)
            {
                logger.LogWarning("Access review of {Key} is due but there is nobody to review it", key);
            }
            return false;
        }
        var grace = options.Value.GraceDays;
        db.AccessReviews.Add(new AccessReview
        {
            SpaceId = due.SpaceId,
            ThreadId = due.ThreadId,
            Key = key,
            Round = due.Round,
            OpenedAt = now,
            LapsesAt = now.AddDays(grace),
            Items = items,
        });
        db.ModerationLog.Add(new ModerationLogEntry { At = now, Action = ModerationAction.OpenAccessReview, SpaceId = due.SpaceId, ThreadId = due.ThreadId, Details = $"{items.Count} to review" });
        var level = EmailRule.LevelFor(label, await EmailRule.SiteAsync(db, ct));
        if (level != EmailDetail.Nothing)
        {
            var named = due.ThreadId is null && EmailRule.NamesThread(level);
            var people = await db.Users.AsNoTracking().Where(u => reviewers.Contains(u.Id) && u.Email != null)
                .Select(u => new { u.Email, u.DisplayName, u.UiCulture }).ToListAsync(ct);
            foreach (var person in people)
            {
                await outbox.AddAsync<AccessReviewOpenedEmail>(
                    new EmailRecipient(person.Email!, person.DisplayName, SupportedCultures.For(person.UiCulture)),
                    OpenedEmailKind,
                    () => EmailRule.Subject(label, named ? text["Access review of {0}", space.Name] : text["Access review due"]),
                    new Dictionary<string, object?>
                    {
                        [nameof(AccessReviewOpenedEmail.RecipientName)] = person.DisplayName,
                        [nameof(AccessReviewOpenedEmail.SpaceName)] = named ? space.Name : null,
                        [nameof(AccessReviewOpenedEmail.ForThread)] = due.ThreadId is not null,
                        [nameof(AccessReviewOpenedEmail.ForAdmins)] = forAdmins,
                        [nameof(AccessReviewOpenedEmail.MemberCount)] = items.Count,
                        [nameof(AccessReviewOpenedEmail.GraceDays)] = grace,
                        [nameof(AccessReviewOpenedEmail.Link)] = app.Value.Link(Link(due.SpaceId, due.ThreadId)),
                    },
                    threads: due.ThreadId is { } carried ? [new CarriedThread(carried, label)] : null);
            }
        }
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.AccessReviews.AsNoTracking().AnyAsync(r => r.Key == key, ct))
            {
                // Another run (or node) opened this round first; its review and its mail stand, ours were never written.
                return false;
            }
            throw;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<List<string>> AdminsAsync(CancellationToken ct)
    {
        var ids = await (from ur in db.UserRoles
                         join r in db.Roles on ur.RoleId equals r.Id
                         where r.Name == Roles.Admin
                         select ur.UserId).ToListAsync(ct);
        return [.. (await ViewerLoader.ForUsersAsync(db, ids, ct)).Values.Where(v => v.IsApproved).Select(v => v.UserId!)];
    }

    private async Task<int> LapseDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var overdue = await db.AccessReviews.AsNoTracking().Where(r => r.ClosedAt == null && r.LapsesAt <= now)
            .OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(ct);
        var lapsed = 0;
        foreach (var reviewId in overdue)
        {
            lapsed += await LapseAsync(reviewId, now, ct);
        }
        return lapsed;
    }

    private async Task<int> LapseAsync(long reviewId, DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Closing first claims the review: a second run waits for this one and then finds nothing to close.
        if (await db.AccessReviews.Where(r => r.Id == reviewId && r.ClosedAt == null).ExecuteUpdateAsync(u => u.SetProperty(r => r.ClosedAt, now), ct) == 0)
        {
            return 0;
        }
        var review = await db.AccessReviews.AsNoTracking().SingleAsync(r => r.Id == reviewId, ct);
        var pending = await db.AccessReviewItems.Where(i => i.ReviewId == reviewId && i.Decision == AccessReviewDecision.Pending).ToListAsync(ct);
        var space = await db.Spaces.AsNoTracking().Where(s => s.Id == review.SpaceId).Select(s => new { s.Name, s.DefaultLabel }).SingleAsync(ct);
        var label = review.ThreadId is { } threadId
            ? await db.Threads.AsNoTracking().Where(t => t.Id == threadId).Select(t => t.Label).SingleAsync(ct)
            : space.DefaultLabel;
        var level = EmailRule.LevelFor(label, await EmailRule.SiteAsync(db, ct));
        var named = review.ThreadId is null && EmailRule.NamesThread(level);
        var ids = pending.Select(i => i.UserId).ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => new { u.Email, u.DisplayName, u.UiCulture }, ct);
        var lapsed = 0;
        foreach (var item in pending)
        {
            item.DecidedAt = now;
            if (!await AccessReviewAccess.EndAsync(db, review.SpaceId, review.ThreadId, item.UserId, ct))
            {
                item.Decision = AccessReviewDecision.Gone;
                continue;
            }
            item.Decision = AccessReviewDecision.Lapsed;
            lapsed++;
            db.ModerationLog.Add(new ModerationLogEntry
            {
                At = now,
                Action = ModerationAction.AccessLapsed,
                SpaceId = review.SpaceId,
                ThreadId = review.ThreadId,
                TargetUserId = item.UserId,
            });
            db.Notifications.Add(new Notification
            {
                RecipientId = item.UserId,
                Kind = NotificationKind.AccessReviewLapsed,
                SpaceId = review.SpaceId,
                CreatedAt = now,
                Message = review.ThreadId is null ? "space" : "thread",
            });
            if (level != EmailDetail.Nothing && people.TryGetValue(item.UserId, out var person) && person.Email is not null)
            {
                await outbox.AddAsync<AccessLapsedEmail>(
                    new EmailRecipient(person.Email, person.DisplayName, SupportedCultures.For(person.UiCulture)),
                    LapsedEmailKind,
                    () => EmailRule.Subject(label, named ? text["Your membership of {0} has ended", space.Name] : text["Your access to restricted content has ended"]),
                    new Dictionary<string, object?>
                    {
                        [nameof(AccessLapsedEmail.RecipientName)] = person.DisplayName,
                        [nameof(AccessLapsedEmail.SpaceName)] = named ? space.Name : null,
                        [nameof(AccessLapsedEmail.ForThread)] = review.ThreadId is not null,
                        [nameof(AccessLapsedEmail.Link)] = app.Value.Link("/Threads/Notifications"),
                    });
            }
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return lapsed;
    }
}
