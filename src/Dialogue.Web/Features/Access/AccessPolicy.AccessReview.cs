using Dialogue.Data.Sensitivity;

namespace Dialogue.Web.Features.Access;

public static partial class AccessPolicy
{
    /// <summary>Spaces whose threads only their members read are reviewed periodically; open-to-all labels need no review.</summary>
    public static bool RequiresAccessReview(SensitivityLabel spaceLabel) => spaceLabel >= SensitivityLabel.Amber;

    /// <summary>
    /// A space's access review, and its interval: the space's moderators by membership (not admins or site moderators, who
    /// need not be members of it and so do not know who belongs).
    /// </summary>
    public static bool CanReviewAccess(Viewer viewer, SpaceFacts space) =>
        RequiresAccessReview(space.DefaultLabel) && viewer.IsSpaceModerator(space.Id);

    /// <summary>
    /// As above; and a space with no moderator is reviewed by the site's admins (who manage any space's members), so that
    /// somebody still decides who may read its AMBER and RED content.
    /// </summary>
    public static bool CanReviewAccess(Viewer viewer, SpaceFacts space, bool spaceHasModerator) =>
        CanReviewAccess(viewer, space) || (RequiresAccessReview(space.DefaultLabel) && !spaceHasModerator && viewer.IsApproved && viewer.IsAdmin);

    /// <summary>A RED thread's participants are reviewed by the member who started it, while they may still read it.</summary>
    public static bool CanReviewAccess(Viewer viewer, ThreadFacts thread) =>
        thread.Label == SensitivityLabel.Red && viewer.UserId is { } id && id == thread.AuthorId && Can(viewer, thread, AccessAction.Read);
}
