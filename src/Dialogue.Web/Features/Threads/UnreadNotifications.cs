using Dialogue.Data;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Infrastructure.Caching;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Threads;

/// <summary>
/// How many notifications a member has not read, counting only what they may read, as the notifications page lists it:
/// the header's link shows it, and a thread page asks which of its posts were notified only when it is not zero.
/// </summary>
public sealed class UnreadNotifications(DialogueDbContext db, NotificationReceipts receipts, LocalWrites writes)
{
    public async Task<int> CountAsync(Viewer viewer, CancellationToken ct)
    {
        if (!viewer.IsApproved)
        {
            return 0;
        }
        IQueryable<Dialogue.Data.Threads.Notification> Unread() =>
            db.Notifications.AsNoTracking().VisibleTo(viewer).Where(n => n.ReadAt == null).WithReadableSubjects(db, viewer);
        // Seen moments ago and not written yet: already read, as far as the member can tell.
        return receipts.PendingFor(viewer.UserId) is { Length: > 0 } seen
            ? await Unread().Where(n => n.PostId == null || !seen.Contains(n.PostId.Value)).CountAsync(ct)
            : await writes.RememberAsync("layout: unread notifications", viewer.UserId!, () => Unread().CountAsync(ct));
    }
}
