using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Threads.Markdown;

/// <summary>
/// How "@someone" finds a member. Display names are neither unique nor free of spaces, so a mention names
/// the member's sign-in email: the whole address "@li.wei@example.org", or "@li.wei" (the part before the @)
/// when only one of the thread's readers has an address starting that way. Only members who may read the
/// thread are found: anything else stays plain text as typed, so a mention never tells the writer who owns
/// an address (the registration page keeps that secret too). Readers never see the handle: the stored post
/// keeps the member's id, shown as their display name.
/// </summary>
public static class Mentions
{
    /// <summary>More members sharing a local part than this, and the short handle is ambiguous whoever reads.</summary>
    private const int MaxNamesakes = 50;

    public static async Task<IReadOnlyDictionary<string, string>> ResolveAsync(
        DialogueDbContext db, IReadOnlyList<string> handles, ThreadFacts thread, CancellationToken ct)
    {
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        if (handles.Count == 0)
        {
            return resolved;
        }
        var active = db.Users.AsNoTracking().Where(u => u.Status == AccountStatus.Active && u.EmailConfirmed);
        var candidates = new List<(string Handle, string UserId)>();
        var addresses = handles.Where(h => h.Contains('@', StringComparison.Ordinal)).Select(h => h.ToUpperInvariant()).ToArray();
        if (addresses.Length > 0)
        {
            foreach (var user in await active.Where(u => addresses.Contains(u.NormalizedEmail!)).Select(u => new { u.Id, u.NormalizedEmail }).ToListAsync(ct))
            {
                candidates.Add((user.NormalizedEmail!.ToLowerInvariant(), user.Id));
            }
        }
        foreach (var local in handles.Where(h => !h.Contains('@', StringComparison.Ordinal)))
        {
            var prefix = local.ToUpperInvariant() + "@";
            var matches = await active.Where(u => u.NormalizedEmail!.StartsWith(prefix)).OrderBy(u => u.Id).Select(u => u.Id).Take(MaxNamesakes + 1).ToListAsync(ct);
            if (matches.Count <= MaxNamesakes)
            {
                candidates.AddRange(matches.Select(id => (local, id)));
            }
        }
        if (candidates.Count == 0)
        {
            return resolved;
        }
        // Whether they may read the thread once it is shown: a thread still in review is judged by its label.
        var shown = thread with { Status = PostStatus.Approved };
        var viewers = await ViewerLoader.ForUsersAsync(db, [.. candidates.Select(c => c.UserId).Distinct(StringComparer.Ordinal)], ct);
        foreach (var group in candidates
            .Where(c => viewers.TryGetValue(c.UserId, out var v) && AccessPolicy.Can(v, shown, AccessAction.Read))
            .GroupBy(c => c.Handle, StringComparer.Ordinal))
        {
            var readers = group.Select(c => c.UserId).Distinct(StringComparer.Ordinal).ToList();
            if (readers.Count == 1)
            {
                resolved[group.Key] = readers[0];
            }
        }
        return resolved;
    }
}
