using Dialogue.Data;
using Dialogue.Data.Digests;
using Dialogue.Data.Moderation;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Privacy;
using Dialogue.Web.Features.Threads;
using Dialogue.Web.Features.Threads.Markdown;
using Dialogue.Web.Infrastructure;
using Dialogue.Web.Infrastructure.Email;
using Dialogue.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Moderation;

/// <summary>
/// What moderators do to posts and threads. Each method checks the access policy itself (so a job or a test
/// can call it as a page does), changes the state, and writes a <see cref="ModerationLogEntry"/> in the same save.
/// Returns false when the moderator may not do it; the page answers 404/403 as it answered for reading.
/// </summary>
public sealed class ModeratorActions(
    DialogueDbContext db,
    PostRenderer renderer,
    Notifier notifier,
    NotificationPreferences preferences,
    LabelChanges labels,
    Pseudonyms pseudonyms,
    Outbox outbox,
    IStringLocalizer<Text> text,
    IOptions<AppOptions> app,
    TimeProvider clock)
{
    public const string RejectedEmailKind = "post-rejected";

    /// <summary>What came of a review action: a second moderator acting on work already done is told so, not refused.</summary>
    public enum ReviewOutcome { Done, AlreadyHandled, NotAllowed }

    public async Task<ReviewOutcome> ApproveAsync(long postId, Viewer moderator, CancellationToken ct)
    {
        if (await LoadPostAsync(postId, moderator, ct) is not var (post, thread))
        {
            return ReviewOutcome.NotAllowed;
        }
        if (post.Status != PostStatus.Pending)
        {
            return ReviewOutcome.AlreadyHandled;
        }
        var now = clock.GetUtcNow();
        SetStatus(post, thread, PostStatus.Approved, null, moderator, now);
        Log(ModerationAction.ApprovePost, moderator, thread, post.Id, post.AuthorId, null, null, now);
        if ((await preferences.ForAsync(post.AuthorId, NotificationTopic.ModerationOutcomes, ct)).InApp)
        {
            db.Notifications.Add(new Notification
            {
                RecipientId = post.AuthorId,
                Kind = NotificationKind.PostApproved,
                ThreadId = thread.Id,
                PostId = post.Id,
                ActorId = moderator.UserId,
                CreatedAt = now,
            });
        }
        // Only now do watchers and mentioned members hear of it, judged as themselves, as the author's post.
        var rendered = await renderer.RenderAsync(post.Source, Posting.Facts(thread), null, ct);
        await notifier.PostAddedAsync(Posting.Facts(thread), thread.Id, thread.Title, post, rendered.MentionedUserIds, ct);
        await db.SaveChangesAsync(ct);
        return ReviewOutcome.Done;
    }

    public async Task<ReviewOutcome> RejectAsync(long postId, string reason, Viewer moderator, CancellationToken ct)
    {
        if (await LoadPostAsync(postId, moderator, ct) is not var (post, thread))
        {
            return ReviewOutcome.NotAllowed;
        }
        if (post.Status is not (PostStatus.Pending or PostStatus.Hidden))
        {
            return ReviewOutcome.AlreadyHandled;
        }
        var now = clock.GetUtcNow();
        SetStatus(post, thread, PostStatus.Rejected, reason, moderator, now);
        Log(ModerationAction.RejectPost, moderator, thread, post.Id, post.AuthorId, reason, null, now);
        await ResolveOpenFlagsAsync(post.Id, FlagResolution.Upheld, moderator, now, ct);
        var choice = await preferences.ForAsync(post.AuthorId, NotificationTopic.ModerationOutcomes, ct);
        if (choice.InApp)
        {
            db.Notifications.Add(new Notification
            {
                RecipientId = post.AuthorId,
                Kind = NotificationKind.PostRejected,
                ThreadId = thread.Id,
                PostId = post.Id,
                ActorId = moderator.UserId,
                Message = reason,
                CreatedAt = now,
            });
        }
        var author = await db.Users.AsNoTracking().Where(u => u.Id == post.AuthorId)
            .Select(u => new { u.Email, u.DisplayName, u.UiCulture }).SingleAsync(ct);
        var level = EmailRule.LevelFor(thread.Label, await EmailRule.SiteAsync(db, ct));
        // At "nothing" the admin sends nothing of this label by email: the in-app notification is all there is.
        if (author.Email is not null && level != EmailDetail.Nothing && choice.Email)
        {
            var named = EmailRule.NamesThread(level);
            var parameters = new Dictionary<string, object?>
            {
                [nameof(PostRejectedEmail.Level)] = level,
                [nameof(PostRejectedEmail.RecipientName)] = author.DisplayName,
                [nameof(PostRejectedEmail.Title)] = named ? EmailRule.Title(thread.Title) : null,
                [nameof(PostRejectedEmail.Reason)] = level switch
                {
                    EmailDetail.FullText => reason,
                    EmailDetail.TitleAndExcerpt => EmailRule.Excerpt(reason),
                    _ => null,
                },
                [nameof(PostRejectedEmail.Link)] = app.Value.Link(named ? $"/Threads/Post/{post.Id}" : "/Threads/Notifications"),
            };
            await outbox.AddAsync<PostRejectedEmail>(
                new EmailRecipient(author.Email, author.DisplayName, SupportedCultures.For(author.UiCulture)),
                RejectedEmailKind,
                () => EmailRule.Subject(thread.Label,
                    named ? text["Your post in “{0}” was not approved", EmailRule.Title(thread.Title)] : text["One of your posts was not approved"]),
                parameters,
                threads: [new CarriedThread(thread.Id, thread.Label)]);
        }
        await db.SaveChangesAsync(ct);
        return ReviewOutcome.Done;
    }

    /// <summary>Flags were wrong: close them, and show the post again if they had hidden it.</summary>
    public async Task<ReviewOutcome> DismissFlagsAsync(long postId, Viewer moderator, CancellationToken ct)
    {
        if (await LoadPostAsync(postId, moderator, ct) is not var (post, thread))
        {
            return ReviewOutcome.NotAllowed;
        }
        if (!await db.Flags.AnyAsync(f => f.PostId == post.Id && f.ResolvedAt == null, ct))
        {
            return ReviewOutcome.AlreadyHandled;
        }
        var now = clock.GetUtcNow();
        await ResolveOpenFlagsAsync(post.Id, FlagResolution.Dismissed, moderator, now, ct);
        Log(ModerationAction.ResolveFlag, moderator, thread, post.Id, post.AuthorId, null, nameof(FlagResolution.Dismissed), now);
        if (post.Status == PostStatus.Hidden)
        {
            SetStatus(post, thread, PostStatus.Approved, null, moderator, now);
            Log(ModerationAction.UnhidePost, moderator, thread, post.Id, post.AuthorId, null, null, now);
        }
        await db.SaveChangesAsync(ct);
        return ReviewOutcome.Done;
    }

    /// <summary>Flags were right: close them and keep (or make) the post hidden.</summary>
    public async Task<ReviewOutcome> UpholdFlagsAsync(long postId, Viewer moderator, CancellationToken ct)
    {
        if (await LoadPostAsync(postId, moderator, ct) is not var (post, thread))
        {
            return ReviewOutcome.NotAllowed;
        }
        if (!await db.Flags.AnyAsync(f => f.PostId == post.Id && f.ResolvedAt == null, ct))
        {
            return ReviewOutcome.AlreadyHandled;
        }
        var now = clock.GetUtcNow();
        await ResolveOpenFlagsAsync(post.Id, FlagResolution.Upheld, moderator, now, ct);
        Log(ModerationAction.ResolveFlag, moderator, thread, post.Id, post.AuthorId, null, nameof(FlagResolution.Upheld), now);
        if (post.Status == PostStatus.Approved)
        {
            SetStatus(post, thread, PostStatus.Hidden, null, moderator, now);
            Log(ModerationAction.HidePost, moderator, thread, post.Id, post.AuthorId, null, null, now);
        }
        await db.SaveChangesAsync(ct);
        return ReviewOutcome.Done;
    }

    public enum LabelChange { Changed, Unchanged, NotAllowed, ReasonRequired }

    /// <summary>
    /// Raise (any moderator of the thread) or lower (a space moderator only, with a reason) a thread's label; never laxer
    /// than its space. The change itself is <see cref="LabelChanges"/>, the same for every caller. The Chatham House
    /// Rule is not a label: relabelling never lifts it.
    /// </summary>
    public async Task<LabelChange> SetLabelAsync(long threadId, SensitivityLabel label, string? reason, Viewer moderator, CancellationToken ct)
    {
        var thread = await LoadThreadAsync(threadId, moderator, ct);
        if (thread is null)
        {
            return LabelChange.NotAllowed;
        }
        if (label == thread.Label)
        {
            return LabelChange.Unchanged;
        }
        var spaceLabel = await db.Spaces.Where(s => s.Id == thread.SpaceId).Select(s => s.DefaultLabel).SingleAsync(ct);
        if (!AccessPolicy.IsAllowedLabel(label, spaceLabel) || (label < thread.Label && !AccessPolicy.CanLowerLabel(moderator, Posting.Facts(thread))))
        {
            return LabelChange.NotAllowed;
        }
        if (label < thread.Label && string.IsNullOrWhiteSpace(reason))
        {
            return LabelChange.ReasonRequired;
        }
        await labels.ApplyAsync(thread, label, reason, null, moderator, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        return LabelChange.Changed;
    }

    public async Task<bool> SetLockedAsync(long threadId, bool locked, string? reason, Viewer moderator, CancellationToken ct) =>
        await ChangeThreadAsync(threadId, moderator, locked ? ModerationAction.LockThread : ModerationAction.UnlockThread, reason, null, (t, now) =>
        {
            t.LockedAt = locked ? now : null;
            t.LockedById = locked ? moderator.UserId : null;
        }, ct);

    public async Task<bool> SetClosedAsync(long threadId, bool closed, string? reason, Viewer moderator, CancellationToken ct) =>
        await ChangeThreadAsync(threadId, moderator, closed ? ModerationAction.CloseThread : ModerationAction.ReopenThread, reason, null, (t, now) =>
        {
            t.ClosedAt = closed ? now : null;
            t.ClosedById = closed ? moderator.UserId : null;
        }, ct);

    public async Task<bool> SetPinnedAsync(long threadId, bool pinned, string? reason, Viewer moderator, CancellationToken ct) =>
        await ChangeThreadAsync(threadId, moderator, pinned ? ModerationAction.PinThread : ModerationAction.UnpinThread, reason, null, (t, now) =>
        {
            t.PinnedAt = pinned ? now : null;
            t.PinnedById = pinned ? moderator.UserId : null;
        }, ct);

    public async Task<bool> SetSlowModeAsync(long threadId, TimeSpan? interval, DateTimeOffset? until, string? reason, Viewer moderator, CancellationToken ct) =>
        await ChangeThreadAsync(threadId, moderator, interval is null ? ModerationAction.ClearSlowMode : ModerationAction.SetSlowMode, reason,
            interval is { } i ? $"{(int)i.TotalMinutes} min" + (until is { } u ? $" until {u:O}" : "") : null, (t, _) =>
            {
                t.SlowModeInterval = interval;
                t.SlowModeUntil = interval is null ? null : until;
                t.SlowModeReason = interval is null ? null : reason;
                t.SlowModeSetById = interval is null ? null : moderator.UserId;
            }, ct);

    /// <summary>Silence a member of the thread's space (they cannot post there) until the given instant.</summary>
    public async Task<bool> SilenceAsync(long threadId, string userId, DateTimeOffset until, string? reason, Viewer moderator, CancellationToken ct)
    {
        var thread = await LoadThreadAsync(threadId, moderator, ct);
        if (thread is null || userId == moderator.UserId
            || !await db.SpaceMembers.AnyAsync(m => m.SpaceId == thread.SpaceId && m.UserId == userId, ct))
        {
            return false;
        }
        var now = clock.GetUtcNow();
        db.MemberSilences.Add(new MemberSilence { UserId = userId, SpaceId = thread.SpaceId, CreatedAt = now, Until = until, Reason = reason, SetById = moderator.UserId });
        Log(ModerationAction.SilenceMember, moderator, thread, null, userId, reason, $"until {until:O}", now);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Move a thread to another space the moderator also moderates; its label is raised to the target's default if laxer.
    /// Moving into a Chatham House space puts the thread under the rule; moving out never lifts it unless the moderator
    /// explicitly chooses to (<paramref name="liftChathamHouse"/>), which is logged as its own action.
    /// </summary>
    public async Task<bool> MoveAsync(long threadId, long targetSpaceId, string? reason, Viewer moderator, CancellationToken ct, bool liftChathamHouse = false)
    {
        var thread = await LoadThreadAsync(threadId, moderator, ct);
        var target = await db.Spaces.AsNoTracking().VisibleTo(moderator).Where(s => s.Id == targetSpaceId)
            .Select(s => new { s.Id, s.DefaultLabel, s.ChathamHouse }).SingleOrDefaultAsync(ct);
        if (thread is null || target is null || target.Id == thread.SpaceId || !moderator.ModeratesSpace(target.Id))
        {
            return false;
        }
        var now = clock.GetUtcNow();
        var from = thread.SpaceId;
        thread.SpaceId = target.Id;
        Log(ModerationAction.MoveThread, moderator, thread, null, null, reason, $"space {from} → {target.Id}", now);
        if (thread.Label < target.DefaultLabel)
        {
            await labels.ApplyAsync(thread, target.DefaultLabel, reason, null, moderator, now, ct);
        }
        if (target.ChathamHouse && !thread.ChathamHouse)
        {
            thread.ChathamHouse = true;
            Log(ModerationAction.StartChathamHouse, moderator, thread, null, null, reason, null, now);
            await pseudonyms.AssignExistingAuthorsAsync(thread.Id, ct);
        }
        else if (liftChathamHouse && thread.ChathamHouse && !target.ChathamHouse)
        {
            thread.ChathamHouse = false;
            Log(ModerationAction.LiftChathamHouse, moderator, thread, null, null, reason, null, now);
        }
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Put a thread under the Chatham House Rule or lift it: a moderator of the thread, logged. Lifting needs a reason,
    /// since it shows every author's name on posts written under the promise of the rule. Pseudonyms are kept, so
    /// setting it again brings back the same numbers.
    /// </summary>
    public async Task<LabelChange> SetChathamHouseAsync(long threadId, bool on, string? reason, Viewer moderator, CancellationToken ct)
    {
        var thread = await LoadThreadAsync(threadId, moderator, ct);
        if (thread is null || !AccessPolicy.CanChangeChathamHouse(moderator, Posting.Facts(thread)))
        {
            return LabelChange.NotAllowed;
        }
        if (thread.ChathamHouse == on)
        {
            return LabelChange.Unchanged;
        }
        if (!on && string.IsNullOrWhiteSpace(reason))
        {
            return LabelChange.ReasonRequired;
        }
        var now = clock.GetUtcNow();
        thread.ChathamHouse = on;
        Log(on ? ModerationAction.StartChathamHouse : ModerationAction.LiftChathamHouse, moderator, thread, null, null, reason, null, now);
        await db.SaveChangesAsync(ct);
        if (on)
        {
            await pseudonyms.AssignExistingAuthorsAsync(thread.Id, ct);
        }
        return LabelChange.Changed;
    }

    private async Task<bool> ChangeThreadAsync(long threadId, Viewer moderator, ModerationAction action, string? reason, string? details,
        Action<DiscussionThread, DateTimeOffset> change, CancellationToken ct)
    {
        var thread = await LoadThreadAsync(threadId, moderator, ct);
        if (thread is null)
        {
            return false;
        }
        var now = clock.GetUtcNow();
        change(thread, now);
        Log(action, moderator, thread, null, null, reason, details, now);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task ResolveOpenFlagsAsync(long postId, FlagResolution resolution, Viewer moderator, DateTimeOffset now, CancellationToken ct)
    {
        var open = await db.Flags.Where(f => f.PostId == postId && f.ResolvedAt == null).ToListAsync(ct);
        foreach (var flag in open)
        {
            flag.ResolvedAt = now;
            flag.ResolvedById = moderator.UserId;
            flag.Resolution = resolution;
        }
    }

    private static void SetStatus(Post post, DiscussionThread thread, PostStatus status, string? reason, Viewer moderator, DateTimeOffset now)
    {
        post.Status = status;
        post.RejectionReason = reason;
        post.StatusChangedAt = now;
        post.StatusChangedById = moderator.UserId;
        if (post.Number == 1)
        {
            thread.Status = status;
        }
    }

    private void Log(ModerationAction action, Viewer moderator, DiscussionThread thread, long? postId, string? targetUserId, string? reason, string? details, DateTimeOffset now) =>
        db.ModerationLog.Add(new ModerationLogEntry
        {
            ActorId = moderator.UserId,
            At = now,
            Action = action,
            SpaceId = thread.SpaceId,
            ThreadId = thread.Id,
            PostId = postId,
            TargetUserId = targetUserId,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            Details = details,
        });

    /// <summary>The post and its thread (tracked), when the moderator may moderate that post; null otherwise.</summary>
    private async Task<(Post Post, DiscussionThread Thread)?> LoadPostAsync(long postId, Viewer moderator, CancellationToken ct)
    {
        var post = await db.Posts.VisibleTo(moderator).Include(p => p.Thread!).ThenInclude(t => t.Participants)
            .SingleOrDefaultAsync(p => p.Id == postId, ct);
        if (post?.Thread is not { } thread
            || !AccessPolicy.Can(moderator, new PostFacts(Posting.Facts(thread), post.AuthorId, post.Status, post.IsDeleted), AccessAction.Moderate))
        {
            return null;
        }
        return (post, thread);
    }

    private async Task<DiscussionThread?> LoadThreadAsync(long threadId, Viewer moderator, CancellationToken ct)
    {
        var thread = await db.Threads.VisibleTo(moderator).Include(t => t.Participants).SingleOrDefaultAsync(t => t.Id == threadId, ct);
        return thread is not null && AccessPolicy.Can(moderator, Posting.Facts(thread), AccessAction.Moderate) ? thread : null;
    }
}
