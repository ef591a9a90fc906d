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

    private static readonly MemoryCacheEntryOptions Lifetime = new() { SlidingExpiration = TimeSpan.FromMinutes(5) };

    private long count;

    public bool Enabled => pages.Enabled;

    internal void Committed() => Interlocked.Increment(ref count);

    /// <summary>
    /// The value <paramref name="read"/> gives for this key (a member's id, a thread's), from memory while nothing was
    /// written since it was read.
    /// The count is taken before reading, so a write that commits while reading leaves the value stale at once.
    /// </summary>
    public Task<T> RememberAsync<T>(string purpose, string key, Func<Task<T>> read) => RememberAsync(cache, purpose, key, read, null);

    /// <summary>
    /// <see cref="RememberAsync{T}(string, string, Func{Task{T}})"/> in a store of bounded size (its SizeLimit set), for
    /// values too large to keep without bound: <paramref name="size"/> estimates a value's bytes, and the least recently
    /// used values leave first.
    /// </summary>
    public async Task<T> RememberAsync<T>(IMemoryCache store, string purpose, string key, Func<Task<T>> read, Func<T, long>? size)
    {
        if (!Enabled)
        {
            return await read();
        }
        var at = Interlocked.Read(ref count);
        var entry = (purpose, key);
        if (store.TryGetValue(entry, out Remembered<T>? remembered) && remembered!.At == at)
        {
            return remembered.Value;
        }
        var value = await read();
        store.Set(entry, new Remembered<T>(at, value), size is null ? Lifetime : new MemoryCacheEntryOptions { SlidingExpiration = Lifetime.SlidingExpiration, Size = size(value) });
        return value;
    }

    /// <summary>
    /// <see cref="RememberAsync"/> for many keys at once: those remembered since the last write come from memory, the rest
    /// from one call of <paramref name="read"/>. A key <paramref name="read"/> does not answer is left out, and not remembered.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, T>> RememberEachAsync<T>(string purpose, IReadOnlyCollection<string> keys,
        Func<IReadOnlyList<string>, Task<IReadOnlyDictionary<string, T>>> read)
    {
        if (!Enabled)
        {
            return await read([.. keys]);
        }
        var at = Interlocked.Read(ref count);
        var found = new Dictionary<string, T>(keys.Count);
        var missing = new List<string>();
        foreach (var key in keys)
        {
            if (cache.TryGetValue((purpose, key), out Remembered<T>? remembered) && remembered!.At == at)
            {
                found[key] = remembered.Value;
            }
            else
            {
                missing.Add(key);
            }
        }
        if (missing.Count > 0)
        {
            foreach (var (key, value) in await read(missing))
            {
                found[key] = value;
                cache.Set((purpose, key), new Remembered<T>(at, value), Lifetime);
            }
        }
        return found;
    }
}
