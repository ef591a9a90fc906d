using Dialogue.Data;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Moderation;

/// <summary>
/// What moderation asks of a new post before it is written: whether it waits for review, and whether the
/// author may post now at all (silenced, over the rate limit, slow mode). Editing one's own post never asks.
/// </summary>
public sealed class PostingRules(DialogueDbContext db, IOptions<ModerationOptions> options, TimeProvider clock, IStringLocalizer<Text> text)
{
    /// <summary>A member's first posts wait for a moderator; the space's moderators (and admins) are never held.</summary>
    public async Task<bool> HoldForReviewAsync(Viewer author, long spaceId, CancellationToken ct)
    {
        var first = options.Value.FirstPostsToReview;
        if (first <= 0 || author.ModeratesSpace(spaceId) || author.UserId is not { } userId)
        {
            return false;
        }
        var approved = await db.Posts.CountAsync(p => p.AuthorId == userId && p.Status == PostStatus.Approved, ct);
        return approved < first;
    }

    /// <summary>Why the author may not post in this space (and thread) now, in the author's language; null when they may.</summary>
    public async Task<string?> RefusalAsync(Viewer author, long spaceId, long? threadId, CancellationToken ct)
    {
        if (author.UserId is not { } userId)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var silencedUntil = await db.MemberSilences.AsNoTracking()
            .Where(s => s.UserId == userId && (s.SpaceId == null || s.SpaceId == spaceId) && s.LiftedAt == null && s.Until > now)
            .OrderByDescending(s => s.Until).Select(s => (DateTimeOffset?)s.Until).FirstOrDefaultAsync(ct);
        if (silencedUntil is not null)
        {
            return text["A moderator has silenced you in this space for now; you cannot post here until the silence ends."];
        }

        var minuteAgo = now.AddMinutes(-1);
        var recent = await db.Posts.CountAsync(p => p.AuthorId == userId && p.CreatedAt > minuteAgo, ct);
        if (recent >= options.Value.PostsPerMinute)
        {
            return text["You are posting too fast: at most {0} posts a minute. Your draft is kept below; try again in a minute.", options.Value.PostsPerMinute];
        }

        if (threadId is { } id && !author.ModeratesSpace(spaceId))
        {
            var slow = await db.Threads.AsNoTracking().Where(t => t.Id == id)
                .Select(t => new { t.SlowModeInterval, t.SlowModeUntil }).SingleOrDefaultAsync(ct);
            if (slow?.SlowModeInterval is { } interval && (slow.SlowModeUntil is null || slow.SlowModeUntil > now))
            {
                var since = now - interval;
                if (await db.Posts.AnyAsync(p => p.ThreadId == id && p.AuthorId == userId && p.CreatedAt > since, ct))
                {
                    return text["Slow mode: you can post in this thread once every {0} minutes. Your draft is kept below.", (int)interval.TotalMinutes];
                }
            }
        }
        return null;
    }
}
