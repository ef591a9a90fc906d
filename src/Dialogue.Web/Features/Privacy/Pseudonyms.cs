using Dialogue.Data;
using Dialogue.Data.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Privacy;

/// <summary>
/// Stable per-thread pseudonyms of Chatham House threads. Numbers are handed out inside the transaction that writes
/// a post (after the reply has claimed its post number, which locks the thread row, so two writers never pick the same
/// number), in order of first appearance: the author of the post, then the members it mentions. Stored, so a number
/// never changes when posts are deleted, purged or moved.
/// </summary>
public sealed class Pseudonyms(DialogueDbContext db, IStringLocalizer<Text> text)
{
    /// <summary>"Participant 3" in the current UI culture; "A participant" for someone who has no number (yet).</summary>
    public string Name(int? number) => number is { } n ? text["Participant {0}", n] : text["A participant"];

    /// <summary>Gives each of <paramref name="userIds"/> (in order) a number in the thread unless they have one. Saves.</summary>
    public async Task AssignAsync(long threadId, IEnumerable<string> userIds, CancellationToken ct)
    {
        var wanted = userIds.Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return;
        }
        var existing = await db.ThreadPseudonyms.Where(p => p.ThreadId == threadId)
            .Select(p => new { p.UserId, p.Number }).ToListAsync(ct);
        var next = existing.Count == 0 ? 1 : existing.Max(p => p.Number) + 1;
        var known = existing.Select(p => p.UserId).ToHashSet(StringComparer.Ordinal);
        foreach (var userId in wanted.Where(known.Add))
        {
            db.ThreadPseudonyms.Add(new ThreadPseudonym { ThreadId = threadId, UserId = userId, Number = next++ });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A thread that comes under the rule after it was written (moved into a Chatham House space, or set by a moderator): its authors by first post.</summary>
    public async Task AssignExistingAuthorsAsync(long threadId, CancellationToken ct)
    {
        var authors = await db.Posts.Where(p => p.ThreadId == threadId)
            .GroupBy(p => p.AuthorId).Select(g => new { AuthorId = g.Key, First = g.Min(p => p.Number) })
            .ToListAsync(ct);
        await AssignAsync(threadId, authors.OrderBy(a => a.First).Select(a => a.AuthorId), ct);
    }
}
