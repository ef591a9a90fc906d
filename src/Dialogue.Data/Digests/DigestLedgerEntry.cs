namespace Dialogue.Data.Digests;

public enum DigestRecipientKind
{
    Member = 0,
    Public = 1,
}

public enum DigestLedgerStatus
{
    /// <summary>Claimed by a worker; reclaimable once <see cref="DigestLedgerEntry.LockedUntil"/> has passed.</summary>
    Building = 0,
    /// <summary>Written to the outbox, in the same transaction as this status.</summary>
    Queued = 1,
    /// <summary>The outbox message was accepted by the mail server.</summary>
    Sent = 2,
    /// <summary>Building threw; retried after <see cref="DigestLedgerEntry.LockedUntil"/> until the attempts run out.</summary>
    Failed = 3,
    /// <summary>Every section was empty: nothing was sent, and the period is done.</summary>
    SkippedEmpty = 4,
    /// <summary>The mail server refused the digest for good (a permanent 5xx); shown to admins, not retried.</summary>
    Undeliverable = 5,
}

/// <summary>
/// One digest period of one recipient. The row is inserted before anything is built, and its unique key
/// (recipient, period) is what makes a period impossible to build twice, on any number of nodes.
/// </summary>
public class DigestLedgerEntry
{
    public long Id { get; set; }
    public DigestRecipientKind RecipientKind { get; set; }
    /// <summary>The member's user id, or the public subscriber's id.</summary>
    public string RecipientId { get; set; } = "";
    /// <summary>"D:2026-11-24" (the recipient's local date of delivery) or "W:2026-W48" (its ISO week).</summary>
    public string PeriodKey { get; set; } = "";
    public DigestFrequency Frequency { get; set; }
    public DigestLedgerStatus Status { get; set; }
    /// <summary>The current claim; conditional updates check it, so a worker whose claim was taken over changes nothing.</summary>
    public Guid? ClaimId { get; set; }
    /// <summary>The node holding the current claim, so a restarted node can release its own claims at once.</summary>
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    /// <summary>The window of content the digest covers.</summary>
    public DateTimeOffset? Since { get; set; }
    public DateTimeOffset? Until { get; set; }
    public long? OutboxMessageId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}
