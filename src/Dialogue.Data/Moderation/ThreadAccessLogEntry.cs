using Dialogue.Data.Privacy;

namespace Dialogue.Data.Moderation;

/// <summary>
/// One read of a RED or AMBER+STRICT thread or post, or one de-pseudonymisation of a Chatham House thread: append-only,
/// for admins, the space's moderators and (for RED) the thread's participants to review. Written in batches off the
/// request path (Features/Privacy/AccessLog).
/// </summary>
public class ThreadAccessLogEntry
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public long ThreadId { get; set; }
    /// <summary>The post read, for surfaces that show one post (permalink, history, quote, search hit).</summary>
    public long? PostId { get; set; }
    public AccessSurface Surface { get; set; }
    public DateTimeOffset At { get; set; }
}
