namespace Dialogue.Data.Threads;

/// <summary>
/// A member's own choice for one topic. Only choices that differ from the defaults are stored, so defaults can
/// change in code (the settings page writes a row for every topic it shows).
/// </summary>
public class NotificationPreference
{
    public string UserId { get; set; } = "";
    public NotificationTopic Topic { get; set; }
    public bool InApp { get; set; }
    public bool Email { get; set; }
}
