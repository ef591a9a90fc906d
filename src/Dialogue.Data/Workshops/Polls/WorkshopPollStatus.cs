namespace Dialogue.Data.Workshops.Polls;

/// <summary>Stored as its number; never renumber.</summary>
public enum WorkshopPollStatus
{
    Open = 0,
    Decided = 1,
    Closed = 2,
}
