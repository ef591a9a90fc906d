using Dialogue.Data;
using Dialogue.Data.Spaces;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Privacy.AccessReviews;

/// <summary>What ending access after a review means, for the page's "remove" and the job's lapse alike.</summary>
public static class AccessReviewAccess
{
    /// <summary>
    /// Ends the member's active membership of the space, or their participation in the RED thread. False when they had
    /// neither any more (they left, or were removed elsewhere), so nothing is logged or told twice.
    /// </summary>
    public static async Task<bool> EndAsync(DialogueDbContext db, long spaceId, long? threadId, string userId, CancellationToken ct) =>
        threadId is { } id
            ? await db.ThreadParticipants.Where(p => p.ThreadId == id && p.UserId == userId).ExecuteDeleteAsync(ct) > 0
            : await db.SpaceMembers.Where(m => m.SpaceId == spaceId && m.UserId == userId && m.Status == SpaceMemberStatus.Active).ExecuteDeleteAsync(ct) > 0;
}
