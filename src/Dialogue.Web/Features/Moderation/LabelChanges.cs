using Dialogue.Data;
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
/// (<see cref="QueuedEmailRedaction"/>); in-app notifications are resolved per reader when shown. The callers check
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
        thread.Label = label;
    }

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
