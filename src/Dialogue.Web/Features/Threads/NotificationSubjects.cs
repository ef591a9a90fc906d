using Dialogue.Data;
using Dialogue.Data.Glossary;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Glossary;
using Dialogue.Web.Features.Workshops.Polls;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Threads;

/// <summary>
/// Notifications about something other than a thread (an availability poll, a glossary proposal) count and show only
/// while the member may still read that subject, through the subject's own visibility query. The header's count and
/// the notifications page both filter with this, so the number agrees with the list; it stays one query (a correlated
/// EXISTS evaluated only for rows of those kinds).
/// </summary>
public static class NotificationSubjects
{
    private const int FirstGlossaryKind = 140;
    private const int LastGlossaryKind = 159;

    public static IQueryable<Notification> WithReadableSubjects(this IQueryable<Notification> notifications, DialogueDbContext db, Viewer viewer)
    {
        var polls = db.WorkshopPolls.VisibleTo(viewer);
        var proposals = db.GlossaryProposals.VisibleTo(viewer);
        // A poll notification names its poll in Message (PollNotifications.MessageFor), a glossary one its proposal in a shadow column.
        // ToString runs in SQL as a cast to text, where no culture applies.
#pragma warning disable CA1305
        return notifications.Where(n =>
            ((n.Kind != NotificationKind.WorkshopPollInvited && n.Kind != NotificationKind.WorkshopPollDecided)
                || polls.Any(p => p.Id.ToString() == n.Message))
            && ((int)n.Kind < FirstGlossaryKind || (int)n.Kind > LastGlossaryKind
                || proposals.Any(p => p.Id == EF.Property<long?>(n, GlossaryNotificationConfiguration.ProposalId))));
#pragma warning restore CA1305
    }
}
