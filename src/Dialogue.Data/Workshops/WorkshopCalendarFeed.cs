namespace Dialogue.Data.Workshops;

/// <summary>
/// A member's personal calendar feed: the workshops they registered for or organise, fetched by a calendar service
/// with a secret token in the address. Only the token's SHA-256 is kept, so a database reader cannot subscribe as the
/// member; revoking clears it, regenerating replaces it.
/// </summary>
public class WorkshopCalendarFeed
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    /// <summary>Lower-case hex SHA-256 of the token; null once revoked.</summary>
    public string? TokenHash { get; set; }
    /// <summary>The member asked for their RED workshops too, shown only as "Dialogue workshop" with the times.</summary>
    public bool IncludeRed { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
