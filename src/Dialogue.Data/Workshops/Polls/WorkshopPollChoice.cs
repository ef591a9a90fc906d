namespace Dialogue.Data.Workshops.Polls;

/// <summary>An invitee's answer for one slot. Stored as its number; never renumber.</summary>
public enum WorkshopPollChoice
{
    No = 0,
    IfNeedBe = 1,
    Yes = 2,
}
