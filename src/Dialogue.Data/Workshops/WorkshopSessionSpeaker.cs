namespace Dialogue.Data.Workshops;

/// <summary>A speaker who is a member, linked to their profile.</summary>
public class WorkshopSessionSpeaker
{
    public long SessionId { get; set; }
    public string UserId { get; set; } = "";
}
