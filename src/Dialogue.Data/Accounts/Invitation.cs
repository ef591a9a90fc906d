namespace Dialogue.Data.Accounts;

public class Invitation
{
    public long Id { get; set; }
    /// <summary>SHA-256 of the token in the link; the token itself is only ever in the email.</summary>
    public string TokenHash { get; set; } = "";
    public string Email { get; set; } = "";
    public string InvitedById { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public string? UsedById { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
