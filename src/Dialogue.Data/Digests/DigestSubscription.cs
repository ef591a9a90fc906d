namespace Dialogue.Data.Digests;

/// <summary>
/// A member's digest choice. The zone is not stored here: it is read from the member's profile each time the
/// schedule is evaluated, so a zone change on the profile moves the delivery hour with it.
/// </summary>
public class DigestSubscription
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public DigestFrequency Frequency { get; set; } = DigestFrequency.Off;
    /// <summary>The day of a weekly digest, in the member's zone.</summary>
    public DayOfWeek Weekday { get; set; } = DayOfWeek.Monday;
    /// <summary>Local hour of delivery, 0–23, in the member's zone.</summary>
    public int LocalHour { get; set; } = 8;
    /// <summary>All spaces the member can read; when false, only <see cref="SpaceIds"/>.</summary>
    public bool AllSpaces { get; set; } = true;
    public List<long> SpaceIds { get; set; } = [];
    public bool IncludeFollowedThreads { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>When the digest was last switched on (from Off); content never reaches back before it.</summary>
    public DateTimeOffset? SubscribedAt { get; set; }
    /// <summary>When the frequency last changed; periods scheduled before it are not due.</summary>
    public DateTimeOffset ScheduleStartsAt { get; set; }
    public DateTimeOffset? UnsubscribedAt { get; set; }
    /// <summary>Scan hint: the instant the next period becomes due. The ledger, not this, decides.</summary>
    public DateTimeOffset? NextDueAt { get; set; }
    /// <summary>The profile zone <see cref="NextDueAt"/> was computed in; a different profile zone forces a re-evaluation.</summary>
    public string? ScheduledTimeZoneId { get; set; }
}
