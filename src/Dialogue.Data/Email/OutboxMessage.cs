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
    /// <summary>The server refused the message for good (a permanent 5xx): it is not tried again.</summary>
    public DateTimeOffset? FailedAt { get; set; }
    /// <summary>The node holding the current claim, so a restarted node can release its own claims at once.</summary>
    public string? ClaimedBy { get; set; }
    /// <summary>The recipient's culture (e.g. "zh-Hans"), for a notice that replaces the message at send time.</summary>
    public string? Culture { get; set; }
    /// <summary>The labelled threads whose content the message carries, with the label each had when it was written.</summary>
    public List<OutboxMessageThread> Threads { get; set; } = [];
    /// <summary>The other labelled subjects (a glossary, an availability poll, a workshop) the message carries content of.</summary>
    public List<OutboxMessageSubject> Subjects { get; set; } = [];
    /// <summary>Files sent with the message (calendar invitations); empty for most messages.</summary>
    public List<OutboxAttachment> Attachments { get; set; } = [];
}

/// <summary>
/// A thread an outbox message carries content of, and that thread's label when the message was written: the sender
/// compares it with the thread's label at send time and redacts the message again when the label has been raised.
/// </summary>
public class OutboxMessageThread
{
    public long OutboxMessageId { get; set; }
    public long ThreadId { get; set; }
    public Sensitivity.SensitivityLabel Label { get; set; }
}

/// <summary>A labelled subject other than a thread that a message can carry content of.</summary>
public enum CarriedSubjectKind
{
    Glossary = 1,
    WorkshopPoll = 2,
    Workshop = 3,
}

/// <summary>
/// A glossary, availability poll or workshop an outbox message carries content of, with its label when the message was written:
/// compared at send time like <see cref="OutboxMessageThread"/>. No foreign key: the subject lives in another feature's
/// table, and a subject that is gone leaves nothing to compare.
/// </summary>
public class OutboxMessageSubject
{
    public long OutboxMessageId { get; set; }
    public CarriedSubjectKind Kind { get; set; }
    public long SubjectId { get; set; }
    public Sensitivity.SensitivityLabel Label { get; set; }
}
