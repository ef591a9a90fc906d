namespace Dialogue.Data.Email;

/// <summary>A file sent with an outbox message (an .ics invitation), stored with it so a retry sends the same bytes.</summary>
public class OutboxAttachment
{
    public long Id { get; set; }
    public long OutboxMessageId { get; set; }
    public string FileName { get; set; } = "";
    /// <summary>The full MIME type with its parameters, e.g. "text/calendar; charset=utf-8; method=REQUEST".</summary>
    public string ContentType { get; set; } = "";
    public byte[] Content { get; set; } = [];
}
