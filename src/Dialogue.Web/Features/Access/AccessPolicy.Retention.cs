using Dialogue.Data.Sensitivity;

namespace Dialogue.Web.Features.Access;

public static partial class AccessPolicy
{
    /// <summary>A space's retention period: its moderators (by membership), or an admin who manages the space.</summary>
    public static bool CanSetRetention(Viewer viewer, SpaceFacts space) =>
        viewer.IsApproved && (viewer.IsSpaceModerator(space.Id) || viewer.IsAdmin);

    /// <summary>A thread's own retention period: RED threads only, set by a moderator of its space who may read it.</summary>
    public static bool CanSetRetention(Viewer viewer, ThreadFacts thread) =>
        thread.Label == SensitivityLabel.Red && Can(viewer, thread, AccessAction.Moderate) && viewer.IsSpaceModerator(thread.SpaceId);
}
