using Dialogue.Data;
using Dialogue.Data.Email;
using Dialogue.Data.Moderation;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Moderation;

/// <summary>
/// The one way a thread's label changes, whoever changes it (a moderator on the thread, a move to a stricter space,
/// an admin raising a space's default): one moderation log entry per thread, and a thread raised to RED names its
/// readable authors and the person raising it as participants, so nobody who wrote there loses it silently and it
/// does not become a thread nobody may read. Emails already queued about the thread are redacted again when sent
/// (<see cref="QueuedEmailRedaction"/>) if the email rule gives the new label less than the message carries (see
/// <see cref="RelabelQueuedMailAsync"/>); in-app notifications are resolved per reader when shown. The callers check
/// that the actor may make the change; nothing is saved here.
/// </summary>
public sealed class LabelChanges(DialogueDbContext db)
{
    /// <param name="thread">Tracked, with its participants loaded.</param>
    public async Task ApplyAsync(DiscussionThread thread, SensitivityLabel label, string? reason, string? why, Viewer actor, DateTimeOffset now, CancellationToken ct)
    {
        if (label == thread.Label)
        {
            return;
        }
        var details = $"{LabelTagHelper.Name(thread.Label)} → {LabelTagHelper.Name(label)}" + (why is null ? "" : $" ({why})");
        db.ModerationLog.Add(new ModerationLogEntry
        {
            ActorId = actor.UserId,
            At = now,
            Action = label > thread.Label ? ModerationAction.RaiseLabel : ModerationAction.LowerLabel,
            SpaceId = thread.SpaceId,
            ThreadId = thread.Id,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            Details = details,
        });
        if (label == SensitivityLabel.Red)
        {
            await NameParticipantsAsync(thread, actor, now, ct);
        }
        await RelabelQueuedMailAsync(thread.Id, label, now, ct);
        thread.Label = label;
    }

    /// <summary>
    /// The send-time check redacts a queued message whose thread's label is stricter than the one it was written under.
    /// Where the email rule (the admin's column, as it stands now) sends the new label at least the detail it sent the
    /// old one, the message carries nothing the new label forbids: it is marked as written under the new label (its
    /// subject's <c>[TLP:…]</c> too), so it goes out as written. A message that marks labels in its body (a digest's
    /// entries) cannot be re-marked and keeps the stricter outcome; so does one a sender holds right now. Saved with the
    /// label, in the caller's transaction: a sender sees the old label and the old marks, or both new.
    /// </summary>
    private async Task RelabelQueuedMailAsync(long threadId, SensitivityLabel label, DateTimeOffset now, CancellationToken ct)
    {
        var site = await EmailRule.SiteAsync(db, ct);
        var level = EmailRule.LevelFor(label, site);
        List<SensitivityLabel> coveredBy = [.. Enum.GetValues<SensitivityLabel>().Where(l => l < label && EmailRule.LevelFor(l, site) <= level)];
        if (coveredBy.Count == 0)
        {
            return;
        }
        var carried = await db.OutboxMessageThreads
            .Where(c => c.ThreadId == threadId && coveredBy.Contains(c.Label))
            .Where(c => db.OutboxMessages.Any(m => m.Id == c.OutboxMessageId && m.SentAt == null && m.FailedAt == null
                && (m.LockedUntil == null || m.LockedUntil <= now)
                && !m.HtmlBody.Contains(LabelMarkPrefix) && !m.TextBody.Contains(LabelMarkPrefix)))
            .ToListAsync(ct);
        if (carried.Count == 0)
        {
            return;
        }
        var ids = carried.Select(c => c.OutboxMessageId).ToList();
        var subjects = await db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).Select(m => new { m.Id, m.Subject }).ToListAsync(ct);
        foreach (var row in carried)
        {
            row.Label = label;
        }
        foreach (var message in subjects)
        {
            var marked = Enum.GetValues<SensitivityLabel>().FirstOrDefault(l => message.Subject.StartsWith(Mark(l), StringComparison.Ordinal), label);
            if (marked < label)
            {
                // Only the subject is written: a stub keeps the (possibly large) bodies out of memory and out of the UPDATE.
                var stub = new OutboxMessage { Id = message.Id, Subject = message.Subject };
                db.OutboxMessages.Attach(stub);
                stub.Subject = Mark(label) + message.Subject[Mark(marked).Length..];
            }
        }
    }

    /// <summary>How an email marks a label (<see cref="EmailRule.Subject"/>, a digest's entries): "[TLP:…] ".</summary>
    private const string LabelMarkPrefix = "[TLP:";

    private static string Mark(SensitivityLabel label) => EmailRule.Subject(label, "");

    /// <summary>A space's default was raised: every thread laxer than it is raised through <see cref="ApplyAsync"/>.</summary>
    public async Task<int> RaiseThreadsOfSpaceAsync(long spaceId, SensitivityLabel label, Viewer actor, DateTimeOffset now, CancellationToken ct)
    {
        var threads = await db.Threads.Include(t => t.Participants).Where(t => t.SpaceId == spaceId && t.Label < label).ToListAsync(ct);
        foreach (var thread in threads)
        {
            await ApplyAsync(thread, label, null, "space default raised", actor, now, ct);
        }
        return threads.Count;
    }

    private async Task NameParticipantsAsync(DiscussionThread thread, Viewer actor, DateTimeOffset now, CancellationToken ct)
    {
        var members = await db.SpaceMembers.AsNoTracking()
            .Where(m => m.SpaceId == thread.SpaceId && m.Status == SpaceMemberStatus.Active)
            .Where(m => db.Posts.Any(p => p.ThreadId == thread.Id && p.AuthorId == m.UserId) || m.UserId == actor.UserId)
            .Select(m => m.UserId).ToListAsync(ct);
        foreach (var id in members.Where(id => thread.Participants.All(p => p.UserId != id)))
        {
            thread.Participants.Add(new ThreadParticipant { ThreadId = thread.Id, UserId = id, AddedAt = now, AddedById = actor.UserId });
        }
    }
}
