namespace Dialogue.Data.Digests;

/// <summary>Someone without an account who receives the public (CLEAR-only) digest, once they confirm their address.</summary>
public class PublicSubscriber
{
    public long Id { get; set; }
    public string Email { get; set; } = "";
    /// <summary>The language the visitor subscribed in; the digest is written in it.</summary>
    public string? UiCulture { get; set; }
    /// <summary>SHA-256 of the confirmation token; kept after confirming so a repeated click is recognised.</summary>
    public string ConfirmationTokenHash { get; set; } = "";
    public DateTimeOffset ConfirmationSentAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? UnsubscribedAt { get; set; }
    public DateTimeOffset? NextDueAt { get; set; }
    /// <summary>The public schedule (frequency, day, hour, zone) <see cref="NextDueAt"/> was computed for.</summary>
    public string? ScheduleSignature { get; set; }
}
