using Dialogue.Data;
using Dialogue.Data.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Threads.Markdown;

/// <summary>
/// How "@someone" finds a member. Display names are neither unique nor free of spaces, so a mention names
/// the member's sign-in email: "@li.wei" (the part before the @) when only one member's address starts
/// that way, or the whole address "@li.wei@example.org" when several do. An unknown or ambiguous handle
/// stays plain text. Readers never see the handle: the stored post keeps the member's id, shown as their
/// display name (a pseudonym, later, in Chatham House threads).
/// </summary>
public static class Mentions
{
    public static async Task<IReadOnlyDictionary<string, string>> ResolveAsync(DialogueDbContext db, IReadOnlyList<string> handles, CancellationToken ct)
    {
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        if (handles.Count == 0)
        {
            return resolved;
        }
        var active = db.Users.AsNoTracking().Where(u => u.Status == AccountStatus.Active && u.EmailConfirmed);
        var addresses = handles.Where(h => h.Contains('@', StringComparison.Ordinal)).Select(h => h.ToUpperInvariant()).ToArray();
        if (addresses.Length > 0)
        {
            foreach (var user in await active.Where(u => addresses.Contains(u.NormalizedEmail!)).Select(u => new { u.Id, u.NormalizedEmail }).ToListAsync(ct))
            {
                resolved[user.NormalizedEmail!.ToLowerInvariant()] = user.Id;
            }
        }
        foreach (var local in handles.Where(h => !h.Contains('@', StringComparison.Ordinal)))
        {
            var prefix = local.ToUpperInvariant() + "@";
            var matches = await active.Where(u => u.NormalizedEmail!.StartsWith(prefix)).Select(u => u.Id).Take(2).ToListAsync(ct);
            if (matches.Count == 1)
            {
                resolved[local] = matches[0];
            }
        }
        return resolved;
    }
}
