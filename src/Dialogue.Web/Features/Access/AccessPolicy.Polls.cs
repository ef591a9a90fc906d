using Dialogue.Data.Sensitivity;
using Dialogue.Data.Workshops.Polls;

namespace Dialogue.Web.Features.Access;

/// <summary>What the access policy needs to know about an availability poll.</summary>
public sealed record PollFacts(long SpaceId, SensitivityLabel Label, string OrganiserId, IReadOnlyCollection<string> Invitees, WorkshopPollStatus Status);

/// <remarks>
/// A poll is never public, whatever its label: only its organiser and its invitees see it, and only while they may
/// read its space at the poll's label (CLEAR anyone, GREEN approved members, AMBER and AMBER+STRICT active members of
/// the space). At RED its named participants are those same people, who must also still be active members of the
/// space. <see cref="Dialogue.Web.Features.Workshops.Polls.PollsVisible"/> is the same rule as a query.
/// </remarks>
public static partial class AccessPolicy
{
    public static bool CanSee(Viewer viewer, PollFacts poll) =>
        viewer is { IsApproved: true, UserId: { } id }
        && (id == poll.OrganiserId || poll.Invitees.Contains(id))
        && poll.Label switch
        {
            SensitivityLabel.Clear or SensitivityLabel.Green => true,
            SensitivityLabel.Amber or SensitivityLabel.AmberStrict or SensitivityLabel.Red => viewer.IsMemberOf(poll.SpaceId),
            _ => false,
        };

    /// <summary>Answer or change answers: an invitee who sees the poll, while it is open.</summary>
    public static bool CanAnswer(Viewer viewer, PollFacts poll) =>
        CanSee(viewer, poll) && poll.Invitees.Contains(viewer.UserId!) && poll.Status == WorkshopPollStatus.Open;

    /// <summary>Pick the slot: the organiser, while the poll is open and they may still see it.</summary>
    public static bool CanDecide(Viewer viewer, PollFacts poll) =>
        CanSee(viewer, poll) && viewer.UserId == poll.OrganiserId && poll.Status == WorkshopPollStatus.Open;

    /// <summary>Start a poll in a space: its active members who hold the Organiser role or moderate the space.</summary>
    public static bool CanStartPoll(Viewer viewer, bool isOrganiser, long spaceId) =>
        viewer.IsMemberOf(spaceId) && (isOrganiser || viewer.IsSpaceModerator(spaceId));
}
