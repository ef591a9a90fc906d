namespace Dialogue.Data.Workshops;

/// <summary>
/// The ledger of workshop reminders: one row per (registrant, workshop, kind, scheduled instant), written in the same
/// transaction as the reminder's outbox message. Its unique key is what makes a reminder impossible to build twice,
/// on any number of nodes, after a retry or a restart; a rescheduled workshop has a new instant, hence a new key.
/// </summary>
public class WorkshopReminder
{
    public long Id { get; set; }
    public long WorkshopId { get; set; }
    public string UserId { get; set; } = "";
    /// <summary>The reminder's lead time before the start, in minutes (1440 for "a day before", 60 for "an hour before").</summary>
    public int LeadMinutes { get; set; }
    /// <summary>The instant the reminder was due: the workshop's start when it was built, less the lead time.</summary>
    public DateTimeOffset ScheduledFor { get; set; }
    public long? OutboxMessageId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
