using System.Collections.Concurrent;
using Dialogue.Data.Sensitivity;
using Dialogue.Web.Features.Digests;

namespace Dialogue.Tests.Features.Digests;

/// <summary>
/// A digest section driven by the tests, standing in for the threads section until threads exist: each test
/// files items for its own (unique) recipient address, with the instant they happened.
/// </summary>
public sealed class TestSection : IDigestSection
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<(DateTimeOffset At, DigestItem Item)>> Items = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConcurrentDictionary<string, Func<Task>> BeforeBuild = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConcurrentDictionary<string, int> Builds = new(StringComparer.OrdinalIgnoreCase);

    public int Order => 10;

    public string Title => "Test activity";

    public static void Add(string address, DateTimeOffset at, DigestItem item) =>
        Items.GetOrAdd(address, _ => new()).Enqueue((at, item));

    public static DigestItem Item(SensitivityLabel label, string title, string? excerpt = null, string? body = null, string? link = null) => new()
    {
        Label = label,
        Title = title,
        Excerpt = excerpt,
        Body = body,
        Link = link ?? "http://localhost/Threads/" + Guid.NewGuid().ToString("N")[..8],
        Author = new ContentAuthor("author-1", "Ada Author"),
    };

    /// <summary>Runs <paramref name="hook"/> at the start of the next build for the address (to block or throw), once.</summary>
    public static void OnNextBuild(string address, Func<Task> hook) => BeforeBuild[address] = hook;

    public static int BuildsFor(string address) => Builds.GetValueOrDefault(address);

    public async Task<DigestSectionContent?> BuildAsync(DigestRecipient recipient, DateTimeOffset since, DateTimeOffset until, CancellationToken ct)
    {
        Builds.AddOrUpdate(recipient.Address, 1, (_, n) => n + 1);
        if (BeforeBuild.TryRemove(recipient.Address, out var hook))
        {
            await hook();
        }
        if (!Items.TryGetValue(recipient.Address, out var queue))
        {
            return null;
        }
        var items = queue.Where(x => x.At >= since && x.At < until).OrderBy(x => x.At).Select(x => x.Item with { At = x.At }).ToList();
        return items.Count == 0 ? null : new DigestSectionContent(items);
    }
}
