using Dialogue.Data.Moderation;

namespace Dialogue.Web.Features.Moderation;

/// <summary>The English text (and resource key) of each logged action.</summary>
public static class LogText
{
    public static string Action(ModerationAction action) => action switch
    {
        ModerationAction.ApprovePost => "approved a post",
        ModerationAction.RejectPost => "rejected a post",
        ModerationAction.HidePost => "hid a post",
        ModerationAction.UnhidePost => "showed a hidden post again",
        ModerationAction.EditPost => "edited a post",
        ModerationAction.PurgePost => "purged a post",
        ModerationAction.LockThread => "locked the thread",
        ModerationAction.UnlockThread => "unlocked the thread",
        ModerationAction.CloseThread => "closed the thread",
        ModerationAction.ReopenThread => "reopened the thread",
        ModerationAction.PinThread => "pinned the thread",
        ModerationAction.UnpinThread => "unpinned the thread",
        ModerationAction.MoveThread => "moved the thread",
        ModerationAction.SplitThread => "split the thread",
        ModerationAction.SetSlowMode => "turned slow mode on",
        ModerationAction.ClearSlowMode => "turned slow mode off",
        ModerationAction.RaiseLabel => "raised the label",
        ModerationAction.LowerLabel => "lowered the label",
        ModerationAction.ChangeParticipants => "changed the participants",
        ModerationAction.ResolveFlag => "resolved flags",
        ModerationAction.SilenceMember => "silenced a member",
        ModerationAction.UnsilenceMember => "lifted a silence",
        ModerationAction.SuspendMember => "suspended a member",
        ModerationAction.UnsuspendMember => "lifted a suspension",
        ModerationAction.ApproveSpaceRequest => "approved a request to join",
        ModerationAction.DeclineSpaceRequest => "declined a request to join",
        ModerationAction.InviteToSpace => "invited a member",
        ModerationAction.RemoveFromSpace => "removed a member",
        ModerationAction.AddSpaceModerator => "appointed a space moderator",
        ModerationAction.EditThreadTitle => "changed the title or tags",
        _ => "removed a space moderator",
    };
}
