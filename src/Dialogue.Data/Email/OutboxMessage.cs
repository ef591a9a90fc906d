namespace Dialogue.Data.Email;

/// <summary>
/// An email waiting to be sent, written in the same transaction as the change that caused it.
/// The Message-ID is fixed at creation so that a resend after a crash between the server's
/// acceptance and our stamp is recognisable as the same message.
/// </summary>
public class OutboxMessage
{
    public long Id { get; set; }
    public string MessageId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string ToAddress { get; set; } = "";
    public string? ToName { get; set; }
    public string Subject { get; set; } = "";
    public string HtmlBody { get; set; } = "";
    public string TextBody { get; set; } = "";
    /// <summary>Extra headers (List-Unsubscribe and the like) as JSON name/value pairs.</summary>
    public string? HeadersJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>A node that claims the message sets this; other nodes leave it alone until it passes.</summary>
    public DateTimeOffset? LockedUntil { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}
