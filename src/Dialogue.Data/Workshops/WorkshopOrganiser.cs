namespace Dialogue.Data.Workshops;

/// <summary>A member who runs the workshop: its creator and the members organisers added.</summary>
public class WorkshopOrganiser
{
    public long WorkshopId { get; set; }
    public string UserId { get; set; } = "";
    public string? AddedById { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}
