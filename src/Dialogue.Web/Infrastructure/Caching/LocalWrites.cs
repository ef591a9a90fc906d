using Microsoft.Extensions.Caching.Memory;

namespace Dialogue.Web.Infrastructure.Caching;

/// <summary>
/// Counts the writes this node commits, to any table (<see cref="AnonymousPageEviction"/> reports them). A value read
/// from the database and remembered with the count it was read at stays true until the count moves — on one node:
/// another node's writes are not counted, so remembering is on only where the anonymous page cache is (one node).
/// </summary>
public sealed class LocalWrites(AnonymousPageCache pages, IMemoryCache cache)
{
    private sealed record Remembered<T>(long At, T Value);

    private long count;

    public bool Enabled => pages.Enabled;

    internal void Committed() => Interlocked.Increment(ref count);

    /// <summary>
    /// The value <paramref name="read"/> gives for this member, from memory while nothing was written since it was read.
    /// The count is taken before reading, so a write that commits while reading leaves the value stale at once.
    /// </summary>
    public async Task<T> RememberAsync<T>(string purpose, string userId, Func<Task<T>> read)
    {
        if (!Enabled)
        {
            return await read();
        }
        var at = Interlocked.Read(ref count);
        var key = (purpose, userId);
        if (cache.TryGetValue(key, out Remembered<T>? remembered) && remembered!.At == at)
        {
            return remembered.Value;
        }
        var value = await read();
        cache.Set(key, new Remembered<T>(at, value), new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(5) });
        return value;
    }
}
