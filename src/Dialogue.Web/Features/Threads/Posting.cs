using Dialogue.Data;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Moderation;
using Dialogue.Web.Features.Privacy;
using Dialogue.Web.Features.Threads.Markdown;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Threads;

/// <summary>
/// Writes threads and posts: renders once, numbers the post, moves the thread's activity, marks it read
/// for its author, and notifies — all in one transaction, so a post and its notifications and emails exist together.
/// </summary>
public sealed class Posting(DialogueDbContext db, PostRenderer renderer, Notifier notifier, StaffNotifier staff, PostingRules rules, Pseudonyms pseudonyms, TimeProvider clock)
{
    public const int MaxTags = 5;

    /// <param name="ChathamHouse">The starter's choice; a thread of a Chatham House space is under the rule whatever it says.</param>
    /// <param name="GlossaryLinksOff">The author opts the first post out of glossary links (Features/Glossary/Linking).</param>
    /// <param name="EmbargoUntil">Scheduled: hidden from all but its author and the space's moderators until then (Privacy/Embargoes).</param>
    public sealed record NewThread(long SpaceId, string Title, SensitivityLabel Label, IReadOnlyList<string> Tags, string Body, IReadOnlyList<string> Participants,
        bool ChathamHouse = false, bool GlossaryLinksOff = false, DateTimeOffset? EmbargoUntil = null);

    /// <summary>
    /// Writes the thread and its first post. A new member's post waits for review (<see cref="PostingRules"/>):
    /// then the thread is Pending too and nobody is notified until a moderator approves it.
    /// <paramref name="trusted"/> skips review (demo content written by the app itself).
    /// </summary>
    public async Task<DiscussionThread> StartThreadAsync(NewThread input, Viewer author, CancellationToken ct, bool trusted = false)
    {
        var participants = input.Label == SensitivityLabel.Red
            ? input.Participants.Append(author.UserId!).Distinct(StringComparer.Ordinal).ToList()
            : [];
        var rendered = await renderer.RenderAsync(input.Body, new ThreadFacts(input.SpaceId, input.Label, author.UserId!, participants), author, ct);
        var held = !trusted && await rules.HoldForReviewAsync(author, input.SpaceId, ct);
        var chathamHouse = input.ChathamHouse || await db.Spaces.Where(s => s.Id == input.SpaceId).Select(s => s.ChathamHouse).SingleAsync(ct);
        var now = clock.GetUtcNow();
        // A caller that writes the thread together with its own rows (a workshop and its discussion) holds the transaction.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var thread = new DiscussionThread
        {
            SpaceId = input.SpaceId,
            ChathamHouse = chathamHouse,
            EmbargoUntil = input.EmbargoUntil,
            Title = input.Title.Trim(),
            Label = input.Label,
            AuthorId = author.UserId!,
            CreatedAt = now,
            LastActivityAt = now,
            PostCount = 1,
            Status = held ? PostStatus.Pending : PostStatus.Approved,
            Tags = [.. input.Tags.Select(t => new ThreadTag { Tag = t })],
            Participants = [.. participants.Select(p => new ThreadParticipant { UserId = p, AddedAt = now, AddedById = author.UserId })],
        };
        var post = NewPost(rendered, input.Body, author.UserId!, 1, now);
        post.Status = thread.Status;
        post.GlossaryLinksOff = input.GlossaryLinksOff;
        thread.Posts.Add(post);
        db.Threads.Add(thread);
        await db.SaveChangesAsync(ct);
        if (chathamHouse)
        {
            await pseudonyms.AssignAsync(thread.Id, [author.UserId!, .. rendered.MentionedUserIds], ct);
        }

        // The author follows their own thread.
        db.Watches.Add(new Watch { UserId = author.UserId!, ThreadId = thread.Id, CreatedAt = now });
        db.ReadStates.Add(new ReadState { UserId = author.UserId!, ThreadId = thread.Id, LastReadPostNumber = 1, UpdatedAt = now });
        if (!held)
        {
            await notifier.PostAddedAsync(Facts(thread), thread.Id, thread.Title, post, rendered.MentionedUserIds, ct);
        }
        else
        {
            await staff.PostHeldAsync(Facts(thread), thread.Id, thread.Title, post, ct);
        }
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
        return thread;
    }

    /// <summary>
    /// Writes a reply; a new member's waits for review and notifies nobody until approved. <paramref name="glossaryLinksOff"/>
    /// is the author's opt-out of glossary links, written with the post so the choice cannot be lost on its own. A scheduled
    /// reply (<paramref name="embargoUntil"/>) takes its number now but moves nothing a reader sees (the thread's last
    /// activity) and notifies nobody until it is released.
    /// </summary>
    public async Task<Post> ReplyAsync(long threadId, string body, Viewer author, CancellationToken ct, bool trusted = false, bool glossaryLinksOff = false,
        DateTimeOffset? embargoUntil = null)
    {
        var facts = Facts(await db.Threads.AsNoTracking().Include(t => t.Participants).SingleAsync(t => t.Id == threadId, ct));
        var rendered = await renderer.RenderAsync(body, facts, author, ct);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Claim the next number first: the UPDATE takes the write lock (a row lock on PostgreSQL), so two
        // replies at once get different numbers.
        var embargoed = embargoUntil is not null;
        await db.Threads.Where(t => t.Id == threadId).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.PostCount, t => t.PostCount + 1)
            .SetProperty(t => t.LastActivityAt, t => embargoed ? t.LastActivityAt : now), ct);
        var thread = await db.Threads.AsNoTracking().Include(t => t.Participants).SingleAsync(t => t.Id == threadId, ct);
        var post = NewPost(rendered, body, author.UserId!, thread.PostCount, now);
        post.ThreadId = threadId;
        post.GlossaryLinksOff = glossaryLinksOff;
        var held = !trusted && await rules.HoldForReviewAsync(author, thread.SpaceId, ct);
        post.Status = held ? PostStatus.Pending : PostStatus.Approved;
        post.EmbargoUntil = embargoUntil;
        db.Posts.Add(post);
        await db.SaveChangesAsync(ct);
        if (thread.ChathamHouse)
        {
            // The thread row is locked by the number claim above, so no other writer hands out a number meanwhile.
            await pseudonyms.AssignAsync(threadId, [author.UserId!, .. rendered.MentionedUserIds], ct);
        }

        await MarkReadAsync(author.UserId!, threadId, post.Number, ct);
        if (!held)
        {
            await notifier.PostAddedAsync(Facts(thread), threadId, thread.Title, post, rendered.MentionedUserIds, ct);
        }
        else
        {
            await staff.PostHeldAsync(Facts(thread), threadId, thread.Title, post, ct);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return post;
    }

    /// <summary>
    /// Saves the current text as a revision, then replaces it, and the author's glossary-link choice with it (a changed
    /// choice alone is no new revision). The caller has checked <see cref="AccessPolicy.CanEdit"/>.
    /// </summary>
    public async Task EditAsync(long postId, string body, Viewer editor, CancellationToken ct, bool glossaryLinksOff = false)
    {
        var post = await db.Posts.SingleAsync(p => p.Id == postId, ct);
        post.GlossaryLinksOff = glossaryLinksOff;
        if (post.Source == body)
        {
            await db.SaveChangesAsync(ct);
            return;
        }
        var thread = await db.Threads.AsNoTracking().Include(t => t.Participants).SingleAsync(t => t.Id == post.ThreadId, ct);
        var rendered = await renderer.RenderAsync(body, Facts(thread), editor, ct);
        var now = clock.GetUtcNow();
        var revisions = await db.PostRevisions.CountAsync(r => r.PostId == postId, ct);
        db.PostRevisions.Add(new PostRevision
        {
            PostId = postId,
            Number = revisions + 1,
            Source = post.Source,
            WrittenAt = post.EditedAt ?? post.CreatedAt,
            WrittenById = post.AuthorId,
            ReplacedAt = now,
        });
        post.Source = body;
        post.Html = rendered.Html;
        post.PlainText = rendered.PlainText;
        post.RendererVersion = rendered.Version;
        post.QuotedPostId = rendered.QuotedPostId;
        post.EditedAt = now;
        await db.SaveChangesAsync(ct);
        if (thread.ChathamHouse)
        {
            await pseudonyms.AssignAsync(thread.Id, rendered.MentionedUserIds, ct);
        }
    }

    public async Task SoftDeleteAsync(long postId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.Posts.Where(p => p.Id == postId).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.IsDeleted, true)
            .SetProperty(p => p.DeletedAt, now), ct);
    }

    /// <summary>Moves the member's read mark forward (never back).</summary>
    public async Task MarkReadAsync(string userId, long threadId, int number, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var updated = await db.ReadStates.Where(r => r.UserId == userId && r.ThreadId == threadId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.LastReadPostNumber, r => r.LastReadPostNumber < number ? number : r.LastReadPostNumber)
                .SetProperty(r => r.UpdatedAt, now), ct);
        if (updated == 0)
        {
            db.ReadStates.Add(new ReadState { UserId = userId, ThreadId = threadId, LastReadPostNumber = number, UpdatedAt = now });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another request of the same member created it first; its mark is as good as ours.
                db.ChangeTracker.Clear();
            }
        }
    }

    public static ThreadFacts Facts(DiscussionThread t) =>
        new(t.SpaceId, t.Label, t.AuthorId, [.. t.Participants.Select(p => p.UserId)], t.Status, t.LockedAt is not null, t.ClosedAt is not null,
            t.EmbargoUntil is not null);

    private static Post NewPost(RenderedPost rendered, string source, string authorId, int number, DateTimeOffset now) => new()
    {
        Number = number,
        AuthorId = authorId,
        Source = source,
        Html = rendered.Html,
        PlainText = rendered.PlainText,
        RendererVersion = rendered.Version,
        QuotedPostId = rendered.QuotedPostId,
        CreatedAt = now,
    };
}
