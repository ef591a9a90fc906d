namespace Dialogue.Data.Threads;

/// <summary>Stored as its number; add new kinds at the end.</summary>
public enum NotificationKind
{
    Reply = 0,
    Mention = 1,
    NewThread = 2,
    PostApproved = 3,
    PostRejected = 4,
    SpaceInvitation = 5,
    SpaceRequestDecided = 6,
    /// <summary>Staff work: a post waits for review (thread and post set; shown only while the recipient may read it).</summary>
    PostHeld = 7,
    /// <summary>Staff work: a post was flagged (thread and post set).</summary>
    PostFlagged = 8,
    /// <summary>Staff work: a member asks to join a space the recipient manages (space set, actor the requester).</summary>
    JoinRequested = 9,
    /// <summary>Staff work for admins: an account waits for approval (actor the new account; no thread, post or space).</summary>
    AccountAwaitingApproval = 10,
    /// <summary>An organiser invited the recipient to an availability poll (space set, actor the organiser, message the poll id).</summary>
    WorkshopPollInvited = 120,
    /// <summary>An organiser picked a slot in a poll the recipient was invited to (space set, actor the organiser, message the poll id).</summary>
    WorkshopPollDecided = 121,

    // Glossary (140-159). The proposal is the notification's shadow GlossaryProposalId (Data/Glossary).
    /// <summary>An editor accepted the recipient's glossary proposal.</summary>
    GlossaryProposalAccepted = 140,
    /// <summary>An editor rejected the recipient's glossary proposal (the reason is in the proposal).</summary>
    GlossaryProposalRejected = 141,
    /// <summary>An editor asked the recipient to change their glossary proposal.</summary>
    GlossaryChangesRequested = 142,
    /// <summary>Editor work: a proposal waits for review in a glossary the recipient curates.</summary>
    GlossaryProposalSubmitted = 143,

    // Access review (175-179).
    /// <summary>The recipient's access lapsed because no reviewer confirmed it in time (space set; message "space" or "thread").</summary>
    AccessReviewLapsed = 175,
}
