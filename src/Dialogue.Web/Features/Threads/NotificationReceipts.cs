using System.Threading.Channels;
using Dialogue.Data;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Threads;

/// <summary>
/// "Read" marks for the notifications about posts a member has just seen, written in batches by
/// <see cref="NotificationReceiptWriter"/> instead of by the thread page, so reading a thread writes nothing.
/// Until a batch is written, the counts this node shows leave the marked ones out, so the unread count still drops
/// as soon as the member has seen the post (another node catches up when the batch is written, within a second).
/// </summary>
public sealed class NotificationReceipts(IServiceScopeFactory scopes, TimeProvider clock, ILogger<NotificationReceipts> log)
{
    private readonly Lock gate = new();
    private Dictionary<string, HashSet<long>> pending = new(StringComparer.Ordinal);
    private readonly Channel<bool> signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Mark(string userId, IEnumerable<long> postIds)
    {
        lock (gate)
        {
            if (!pending.TryGetValue(userId, out var ids))
            {
                pending[userId] = ids = [];
            }
            ids.UnionWith(postIds);
        }
        signal.Writer.TryWrite(true);
    }

    /// <summary>Posts whose notifications this member has seen but which are not written yet; usually none.</summary>
    public long[] PendingFor(string? userId)
    {
        if (userId is null)
        {
            return [];
        }
        lock (gate)
        {
            return pending.TryGetValue(userId, out var ids) ? [.. ids] : [];
        }
    }

    internal async Task WaitAsync(CancellationToken ct) => await signal.Reader.ReadAsync(ct);

    internal void Retry() => signal.Writer.TryWrite(true);

    /// <summary>
    /// Writes every pending mark, one statement per member. A mark stays pending (left out of this node's counts)
    /// until it is written; false when some could not be, to be tried again.
    /// </summary>
    public async Task<bool> FlushAsync(CancellationToken ct)
    {
        Dictionary<string, long[]> batch;
        lock (gate)
        {
            if (pending.Count == 0)
            {
                return true;
            }
            batch = pending.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        }
        var now = clock.GetUtcNow();
        var written = true;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DialogueDbContext>();
        foreach (var (userId, postIds) in batch)
        {
            try
            {
                await db.Notifications.Where(n => n.RecipientId == userId && n.ReadAt == null && n.PostId != null && postIds.Contains(n.PostId.Value))
                    .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
                lock (gate)
                {
                    if (pending.TryGetValue(userId, out var left))
                    {
                        left.ExceptWith(postIds);
                        if (left.Count == 0)
                        {
                            pending.Remove(userId);
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "Could not mark {Count} notifications read for {UserId}; will retry", postIds.Length, userId);
                written = false;
            }
        }
        return written;
    }
}

/// <summary>Writes <see cref="NotificationReceipts"/> shortly after they are marked, a batch at a time, and the rest at shutdown.</summary>
public sealed class NotificationReceiptWriter(NotificationReceipts receipts) : BackgroundService
{
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await receipts.WaitAsync(stoppingToken);
                await Task.Delay(Gather, stoppingToken);
                if (!await receipts.FlushAsync(stoppingToken))
                {
                    await Task.Delay(RetryAfter, stoppingToken);
                    receipts.Retry();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await receipts.FlushAsync(CancellationToken.None);
        }
    }
}
