using Dialogue.Data.Sensitivity;

namespace Dialogue.Web.Features.Access;

public static partial class AccessPolicy
{
    /// <summary>
    /// Who may reveal who is who in a Chatham House thread: whoever moderates it (and so may read it). Never by default:
    /// the page shows pseudonyms to moderators too until they ask, and each reveal is written to the access log.
    /// </summary>
    public static bool CanRevealIdentities(Viewer viewer, ThreadFacts thread) => Can(viewer, thread, AccessAction.Moderate);

    /// <summary>Set or lift the rule on an existing thread: its space's moderators (the starter chooses only at creation).</summary>
    public static bool CanChangeChathamHouse(Viewer viewer, ThreadFacts thread) => Can(viewer, thread, AccessAction.Moderate);

    /// <summary>Reads of these labels are written to the access log.</summary>
    public static bool IsAudited(SensitivityLabel label) => label is SensitivityLabel.Red or SensitivityLabel.AmberStrict;

    /// <summary>The whole access log: admins.</summary>
    public static bool CanReviewAccessLog(Viewer viewer) => viewer.IsApproved && viewer.IsAdmin;

    /// <summary>A space's share of the access log: its moderators by membership, and admins.</summary>
    public static bool CanReviewSpaceAccessLog(Viewer viewer, long spaceId) =>
        CanReviewAccessLog(viewer) || viewer.IsSpaceModerator(spaceId);

    /// <summary>"Read by" of a RED thread: whoever may read it (its participants).</summary>
    public static bool CanSeeReadReceipts(Viewer viewer, ThreadFacts thread) =>
        thread.Label == SensitivityLabel.Red && Can(viewer, thread, AccessAction.Read);
}
