namespace Dialogue.Web.Features.Access;

public static partial class AccessPolicy
{
    /// <summary>
    /// Embargoed (scheduled) content is for its author and whoever moderates its space until it is released, whatever
    /// its label would allow; the label still applies on top, so a moderator who may not read a RED thread does not
    /// read its scheduled posts either. Nothing built to leave the platform (<see cref="Viewer.OffPlatform"/>) carries it.
    /// Released content has no embargo: the release clears it.
    /// </summary>
    public static bool EmbargoAllows(Viewer viewer, long spaceId, string authorId, bool embargoed) =>
        !embargoed || (!viewer.OffPlatform && ((viewer.IsApproved && viewer.UserId == authorId) || viewer.ModeratesSpace(spaceId)));

    /// <summary>Release a scheduled thread early or change its time: its author or a moderator of its space, while they may read it.</summary>
    public static bool CanSchedule(Viewer viewer, ThreadFacts thread) =>
        Can(viewer, thread, AccessAction.Read) && viewer.IsApproved && (viewer.UserId == thread.AuthorId || viewer.ModeratesSpace(thread.SpaceId));

    /// <summary>Release a scheduled post early or change its time: its author or a moderator of its space, while they may read it.</summary>
    public static bool CanSchedule(Viewer viewer, PostFacts post) =>
        Can(viewer, post, AccessAction.Read) && viewer.IsApproved && (viewer.UserId == post.AuthorId || viewer.ModeratesSpace(post.Thread.SpaceId));
}
