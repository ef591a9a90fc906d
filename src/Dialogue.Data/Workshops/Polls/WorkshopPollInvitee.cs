namespace Dialogue.Data.Workshops.Polls;

/// <summary>A member of the poll's space asked for their availability.</summary>
public class WorkshopPollInvitee
{
    public long PollId { get; set; }
    public string UserId { get; set; } = "";
    public DateTimeOffset InvitedAt { get; set; }

    public WorkshopPoll? Poll { get; set; }
}
