using Dialogue.Data.Sensitivity;
using Dialogue.Data.Workshops.Polls;
using Dialogue.Web.Features.Access;

namespace Dialogue.Web.Features.Workshops.Polls;

/// <summary><see cref="AccessPolicy.CanSee(Viewer, PollFacts)"/> as a query: every poll page and the notifications read polls through it.</summary>
public static class PollsVisible
{
    public static IQueryable<WorkshopPoll> VisibleTo(this IQueryable<WorkshopPoll> polls, Viewer viewer)
    {
        if (viewer is not { IsApproved: true, UserId: { } userId })
        {
            return polls.Where(p => false);
        }
        var member = viewer.MemberSpaceIds();
        return polls.Where(p =>
            (p.OrganiserId == userId || p.Invitees.Any(i => i.UserId == userId))
            && (p.Label == SensitivityLabel.Clear || p.Label == SensitivityLabel.Green || member.Contains(p.SpaceId)));
    }
}
