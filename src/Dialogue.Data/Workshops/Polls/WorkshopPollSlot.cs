namespace Dialogue.Data.Workshops.Polls;

/// <summary>A candidate start: the organiser's wall-clock time in the poll's zone, and the instant it resolved to when saved.</summary>
public class WorkshopPollSlot
{
    public const string LocalFormat = "yyyy-MM-ddTHH:mm";

    public long Id { get; set; }
    public long PollId { get; set; }
    /// <summary>Local start in the poll's zone as <see cref="LocalFormat"/>: text sorts and compares the same on both providers.</summary>
    public string LocalStart { get; set; } = "";
    public DateTimeOffset StartsAt { get; set; }

    public WorkshopPoll? Poll { get; set; }
}
