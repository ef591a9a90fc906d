using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;

namespace Dialogue.Web.Features.Access;

/// <summary>
/// The one decision of who may do what with a space, thread or post. Pure: the caller supplies the
/// viewer and the facts; <see cref="Visible"/> is the same read rule written as a query. Both are written by hand,
/// so PolicyAndQueryAgreeTests runs them side by side on a real database over every label × moderation status ×
/// kind of account × membership: change one, and that test holds the other to it.
/// </summary>
/// <remarks>
/// The sensitivity model (shared/DESIGN.md):
/// CLEAR anyone, signed in or not; GREEN every signed-in, approved member; AMBER and AMBER+STRICT
/// active members of the space; RED the named participants of the thread (who must also still be
/// active members of its space).
///
/// Admins and moderators get NO reading exception. DESIGN gives RED to "the named participants of the
/// thread only", and AMBER to "members of the space": an admin who is not a member of an AMBER space, or
/// a space moderator who is not a participant of a RED thread, cannot read it, and so cannot moderate it
/// either (moderating always requires reading). Admins still see every space's name and description
/// (to manage spaces and their moderators) and can make themselves members of a space, which is visible
/// to its members; they cannot add themselves to a RED thread's participants without a participant doing so.
/// This keeps a compromised or coerced admin account from silently reading the most sensitive threads.
/// </remarks>
public static partial class AccessPolicy
{
    public static bool Can(Viewer viewer, ThreadFacts thread, AccessAction action) => action switch
    {
        AccessAction.Read => CanRead(viewer, thread),
        AccessAction.Reply => CanRead(viewer, thread) && viewer.IsApproved && thread.Status == PostStatus.Approved
            && !thread.IsClosed && (!thread.IsLocked || viewer.ModeratesSpace(thread.SpaceId)),
        AccessAction.Moderate => CanRead(viewer, thread) && viewer.ModeratesSpace(thread.SpaceId),
        _ => false,
    };

    public static bool Can(Viewer viewer, PostFacts post, AccessAction action) => action switch
    {
        AccessAction.Read => CanRead(viewer, post.Thread) && ModerationAllows(viewer, post.Thread.SpaceId, post.AuthorId, post.Status)
            && EmbargoAllows(viewer, post.Thread.SpaceId, post.AuthorId, post.Embargoed),
        AccessAction.Reply => Can(viewer, post, AccessAction.Read) && Can(viewer, post.Thread, AccessAction.Reply),
        AccessAction.Moderate => Can(viewer, post, AccessAction.Read) && viewer.ModeratesSpace(post.Thread.SpaceId),
        _ => false,
    };

    /// <summary>Only the author edits or deletes their own post, while they can still read it and it is theirs to change.</summary>
    public static bool CanEdit(Viewer viewer, PostFacts post) =>
        Can(viewer, post, AccessAction.Read) && viewer.IsApproved && viewer.UserId == post.AuthorId
        && !post.IsDeleted && post.Status is not (PostStatus.Deleted or PostStatus.Rejected) && !post.Thread.IsClosed;

    /// <summary>Change a thread's title and tags: its moderators, or its author while they may still edit its first post.</summary>
    public static bool CanEditTitle(Viewer viewer, PostFacts firstPost) =>
        Can(viewer, firstPost.Thread, AccessAction.Moderate) || CanEdit(viewer, firstPost);

    /// <summary>Lowering a label: only a moderator of the thread's own space (by membership), never a site-wide role.</summary>
    public static bool CanLowerLabel(Viewer viewer, ThreadFacts thread) =>
        Can(viewer, thread, AccessAction.Moderate) && viewer.IsSpaceModerator(thread.SpaceId);

    /// <summary>Flag a post: a signed-in approved reader, not its author, of content that is shown.</summary>
    public static bool CanFlag(Viewer viewer, PostFacts post) =>
        Can(viewer, post, AccessAction.Read) && viewer.IsApproved && viewer.UserId != post.AuthorId
        && !post.IsDeleted && post.Status == PostStatus.Approved;

    /// <summary>Whether the viewer sees that the space exists: its name, description and label.</summary>
    public static bool CanSee(Viewer viewer, SpaceFacts space) =>
        space.DefaultLabel == SensitivityLabel.Clear || viewer.IsApproved;

    /// <summary>Start a thread: active members of the space.</summary>
    public static bool CanStartThread(Viewer viewer, SpaceFacts space) => viewer.IsMemberOf(space.Id);

    public static bool CanJoin(Viewer viewer, SpaceFacts space) =>
        viewer.IsApproved && space.JoinPolicy == SpaceJoinPolicy.Open && !viewer.IsMemberOf(space.Id);

    public static bool CanRequestToJoin(Viewer viewer, SpaceFacts space) =>
        viewer.IsApproved && space.JoinPolicy == SpaceJoinPolicy.Closed && !viewer.IsMemberOf(space.Id);

    /// <summary>Approve or decline requests and invite members: the space's moderators and admins.</summary>
    public static bool CanManageMembers(Viewer viewer, long spaceId) =>
        viewer.IsApproved && (viewer.IsAdmin || viewer.IsSpaceModerator(spaceId));

    /// <summary>Create and edit spaces, appoint space moderators: admins.</summary>
    public static bool CanManageSpaces(Viewer viewer) => viewer.IsApproved && viewer.IsAdmin;

    /// <summary>The label a thread of this space may carry: never laxer than the space's default.</summary>
    public static bool IsAllowedLabel(SensitivityLabel threadLabel, SensitivityLabel spaceDefault) =>
        Enum.IsDefined(threadLabel) && threadLabel >= spaceDefault;

    private static bool CanRead(Viewer viewer, ThreadFacts thread) =>
        LabelAllows(viewer, thread) && ModerationAllows(viewer, thread.SpaceId, thread.AuthorId, thread.Status)
        && EmbargoAllows(viewer, thread.SpaceId, thread.AuthorId, thread.Embargoed);

    private static bool LabelAllows(Viewer viewer, ThreadFacts thread) => thread.Label switch
    {
        SensitivityLabel.Clear => true,
        SensitivityLabel.Green => viewer.IsApproved,
        SensitivityLabel.Amber or SensitivityLabel.AmberStrict => viewer.IsMemberOf(thread.SpaceId),
        SensitivityLabel.Red => viewer.IsMemberOf(thread.SpaceId) && viewer.UserId is { } id && thread.Participants.Contains(id),
        _ => false,
    };

    /// <summary>Approved content is for every reader; content in review is for its author and the moderators; removed content for moderators.</summary>
    private static bool ModerationAllows(Viewer viewer, long spaceId, string authorId, PostStatus status) =>
        status == PostStatus.Approved
        || (status != PostStatus.Deleted && viewer.IsApproved && viewer.UserId == authorId)
        || viewer.ModeratesSpace(spaceId);
}
