using System.Linq.Expressions;
using Dialogue.Data.Moderation;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Data.Workshops;

namespace Dialogue.Web.Features.Access;

/// <summary>
/// <see cref="AccessPolicy"/>'s read rule as queries: every page, job, feed and search reads spaces, threads,
/// posts and notifications through these, so what a viewer may not read never leaves the database.
/// The viewer's memberships travel as a list of ids (an IN clause), so no query joins membership tables.
/// </summary>
public static class Visible
{
    public static IQueryable<Space> VisibleTo(this IQueryable<Space> spaces, Viewer viewer) =>
        viewer.IsApproved ? spaces : spaces.Where(s => s.DefaultLabel == SensitivityLabel.Clear);

    public static IQueryable<DiscussionThread> VisibleTo(this IQueryable<DiscussionThread> threads, Viewer viewer) =>
        threads.Where(ThreadReadable(viewer));

    public static IQueryable<Post> VisibleTo(this IQueryable<Post> posts, Viewer viewer)
    {
        var threadReadable = Compose<Post, DiscussionThread>(p => p.Thread!, ThreadReadable(viewer));
        return posts.Where(threadReadable).Where(PostModerationAllows(viewer));
    }

    /// <summary>
    /// One thread's posts the viewer may read, when the thread's facts are already in hand (the thread page): the
    /// thread's part of the rule is decided by <see cref="AccessPolicy"/> on those facts, so the query carries only the
    /// posts' part — no join, no membership lists. The same rule as <see cref="VisibleTo(IQueryable{Post}, Viewer)"/>
    /// for that thread (PolicyAndQueryAgreeTests holds them together).
    /// </summary>
    public static IQueryable<Post> ReadableIn(this IQueryable<Post> posts, long threadId, ThreadFacts thread, Viewer viewer)
    {
        if (!AccessPolicy.Can(viewer, thread, AccessAction.Read))
        {
            return posts.Where(p => false);
        }
        if (!viewer.IsApproved)
        {
            return posts.Where(p => p.ThreadId == threadId && p.Status == PostStatus.Approved && p.EmbargoUntil == null);
        }
        var userId = viewer.UserId;
        var moderates = viewer.ModeratesSpace(thread.SpaceId);
        var seesScheduled = !viewer.OffPlatform;
        return posts.Where(p => p.ThreadId == threadId
            && (p.Status == PostStatus.Approved || (p.Status != PostStatus.Deleted && p.AuthorId == userId) || moderates)
            && (p.EmbargoUntil == null || (seesScheduled && (p.AuthorId == userId || moderates))));
    }

    /// <summary>The posts the viewer may read AND moderate: the review queue's and the flag list's source.</summary>
    public static IQueryable<Post> ModeratedBy(this IQueryable<Post> posts, Viewer viewer)
    {
        if (!viewer.IsApproved)
        {
            return posts.Where(p => false);
        }
        var visible = posts.VisibleTo(viewer);
        if (viewer.IsAdmin || viewer.IsSiteModerator)
        {
            return visible;
        }
        var moderated = viewer.ModeratedSpaceIds();
        return visible.Where(p => moderated.Contains(p.Thread!.SpaceId));
    }

    /// <summary>
    /// Moderation log entries for the viewer: admins read the whole log (it holds ids, actions and reasons, no
    /// content); space moderators the entries of the spaces they moderate. Thread titles are shown only through
    /// <see cref="VisibleTo(IQueryable{DiscussionThread}, Viewer)"/>.
    /// </summary>
    public static IQueryable<ModerationLogEntry> VisibleTo(this IQueryable<ModerationLogEntry> entries, Viewer viewer)
    {
        if (!viewer.IsApproved)
        {
            return entries.Where(e => false);
        }
        if (viewer.IsAdmin)
        {
            return entries;
        }
        if (viewer.IsSiteModerator)
        {
            return entries.Where(e => e.SpaceId != null);
        }
        var moderated = viewer.ModeratedSpaceIds();
        return entries.Where(e => e.SpaceId != null && moderated.Contains(e.SpaceId.Value));
    }

    /// <summary>The viewer's own notifications, and only those whose thread and post the viewer may still read.</summary>
    public static IQueryable<Notification> VisibleTo(this IQueryable<Notification> notifications, Viewer viewer)
    {
        if (viewer.UserId is not { } userId || !viewer.IsApproved)
        {
            return notifications.Where(n => false);
        }
        var threadReadable = Compose<Notification, DiscussionThread>(n => n.Thread!, ThreadReadable(viewer));
        var postReadable = Compose<Notification, Post>(n => n.Post!, PostModerationAllows(viewer));
        return notifications
            .Where(n => n.RecipientId == userId)
            .Where(OrNull(n => n.ThreadId, threadReadable))
            .Where(OrNull(n => n.PostId, postReadable));
    }

    /// <summary>The same rule as <see cref="AccessPolicy.CanRead(Viewer, WorkshopFacts)"/>.</summary>
    public static IQueryable<Workshop> VisibleTo(this IQueryable<Workshop> workshops, Viewer viewer)
    {
        if (!viewer.IsApproved)
        {
            return workshops.Where(w => w.Label == SensitivityLabel.Clear);
        }
        var userId = viewer.UserId;
        var member = viewer.MemberSpaceIds();
        return workshops.Where(w =>
            w.Label == SensitivityLabel.Clear
            || w.Label == SensitivityLabel.Green
            || ((w.Label == SensitivityLabel.Amber || w.Label == SensitivityLabel.AmberStrict) && member.Contains(w.SpaceId))
            || (w.Label == SensitivityLabel.Red && member.Contains(w.SpaceId)
                && (w.Organisers.Any(o => o.UserId == userId) || w.Registrations.Any(r => r.UserId == userId && r.InvitedAt != null))));
    }

    /// <summary>The same rule as <see cref="AccessPolicy.Can(Viewer, ThreadFacts, AccessAction)"/> with Read (embargo included).</summary>
    public static Expression<Func<DiscussionThread, bool>> ThreadReadable(Viewer viewer)
    {
        if (!viewer.IsApproved)
        {
            return t => t.Label == SensitivityLabel.Clear && t.Status == PostStatus.Approved && t.EmbargoUntil == null;
        }
        var userId = viewer.UserId;
        var member = viewer.MemberSpaceIds();
        var moderated = viewer.ModeratedSpaceIds();
        var moderatesAll = viewer.IsAdmin || viewer.IsSiteModerator;
        var seesScheduled = !viewer.OffPlatform;
        return t =>
            (t.Label == SensitivityLabel.Clear
             || t.Label == SensitivityLabel.Green
             || ((t.Label == SensitivityLabel.Amber || t.Label == SensitivityLabel.AmberStrict) && member.Contains(t.SpaceId))
             || (t.Label == SensitivityLabel.Red && member.Contains(t.SpaceId) && t.Participants.Any(p => p.UserId == userId)))
            && (t.Status == PostStatus.Approved
                || (t.Status != PostStatus.Deleted && t.AuthorId == userId)
                || moderatesAll
                || moderated.Contains(t.SpaceId))
            && (t.EmbargoUntil == null || (seesScheduled && (t.AuthorId == userId || moderatesAll || moderated.Contains(t.SpaceId))));
    }

    private static Expression<Func<Post, bool>> PostModerationAllows(Viewer viewer)
    {
        if (!viewer.IsApproved)
        {
            return p => p.Status == PostStatus.Approved && p.EmbargoUntil == null;
        }
        var userId = viewer.UserId;
        var moderated = viewer.ModeratedSpaceIds();
        var moderatesAll = viewer.IsAdmin || viewer.IsSiteModerator;
        var seesScheduled = !viewer.OffPlatform;
        return p => (p.Status == PostStatus.Approved
                || (p.Status != PostStatus.Deleted && p.AuthorId == userId)
                || moderatesAll
                || moderated.Contains(p.Thread!.SpaceId))
            && (p.EmbargoUntil == null || (seesScheduled && (p.AuthorId == userId || moderatesAll || moderated.Contains(p.Thread!.SpaceId))));
    }

    /// <summary>outer => inner(select(outer)): applies a predicate on a navigation inside a query.</summary>
    private static Expression<Func<TOuter, bool>> Compose<TOuter, TInner>(
        Expression<Func<TOuter, TInner>> select, Expression<Func<TInner, bool>> predicate)
    {
        var body = new Replace(predicate.Parameters[0], select.Body).Visit(predicate.Body)!;
        return Expression.Lambda<Func<TOuter, bool>>(body, select.Parameters);
    }

    /// <summary>x => key(x) == null || predicate(x), sharing the parameter.</summary>
    private static Expression<Func<T, bool>> OrNull<T>(Expression<Func<T, long?>> key, Expression<Func<T, bool>> predicate)
    {
        var keyBody = new Replace(key.Parameters[0], predicate.Parameters[0]).Visit(key.Body)!;
        var body = Expression.OrElse(Expression.Equal(keyBody, Expression.Constant(null, typeof(long?))), predicate.Body);
        return Expression.Lambda<Func<T, bool>>(body, predicate.Parameters);
    }

    private sealed class Replace(Expression from, Expression to) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node) => node == from ? to : base.Visit(node);
    }
}
