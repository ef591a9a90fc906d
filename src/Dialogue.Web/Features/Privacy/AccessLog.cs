using System.Threading.Channels;
using Dialogue.Data.Moderation;
using Dialogue.Data.Privacy;

namespace Dialogue.Web.Features.Privacy;

/// <summary>
/// The append-only access log's front door: a request hands its entry to a bounded in-memory channel and goes on;
/// <see cref="AccessLogWriter"/> writes the entries in batches. No query and no write in the request. When the
/// channel is full (the database is far behind), the request waits for room rather than dropping an entry.
/// </summary>
public sealed class AccessLog(TimeProvider clock)
{
    public const int Capacity = 10_000;

    private readonly Channel<ThreadAccessLogEntry> channel = Channel.CreateBounded<ThreadAccessLogEntry>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    internal ChannelReader<ThreadAccessLogEntry> Reader => channel.Reader;

    /// <summary>Entries waiting to be written (for tests and the operations page).</summary>
    public int Pending => channel.Reader.Count;

    public ValueTask RecordAsync(string userId, long threadId, long? postId, AccessSurface surface, CancellationToken ct = default) =>
        channel.Writer.WriteAsync(new ThreadAccessLogEntry
        {
            UserId = userId,
            ThreadId = threadId,
            PostId = postId,
            Surface = surface,
            At = clock.GetUtcNow(),
        }, ct);

    /// <summary>No more entries: the writer drains what is left and stops (application shutdown).</summary>
    internal void Complete() => channel.Writer.TryComplete();
}
