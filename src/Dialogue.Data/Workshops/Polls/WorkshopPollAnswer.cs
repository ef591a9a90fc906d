namespace Dialogue.Data.Workshops.Polls;

/// <summary>One invitee's answer for one slot; answering again updates it.</summary>
public class WorkshopPollAnswer
{
    public long PollId { get; set; }
    public long SlotId { get; set; }
    public string UserId { get; set; } = "";
    public WorkshopPollChoice Choice { get; set; }
    public DateTimeOffset AnsweredAt { get; set; }
}
