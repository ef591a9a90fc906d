using Dialogue.Data;
using Dialogue.Data.Threads;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Search;

/// <summary>A readable match in the window: its id, its thread's title when it opens the thread, its own words.</summary>
public sealed record Candidate(long PostId, string? Title, string Text);

/// <summary>
/// What both providers share once their index has found the window (the newest <see cref="SearchOptions.RankedMatches"/>
/// readable matches, plus one to learn whether older ones exist): ranking, paging, the way on to older matches, and
/// the page's details. Nothing here decides who reads what: the window and the details come from queries built on
/// <c>Posts.VisibleTo(viewer)</c>.
/// </summary>
public static class RankedWindow
{
    public const int PageSize = 20;

    public sealed record Page(IReadOnlyList<long> PostIds, bool HasMore, long? OlderThan);

    public static Page Cut(List<Candidate> newestFirst, string[] terms, int window, int pageNumber)
    {
        var olderExist = newestFirst.Count > window;
        var inWindow = olderExist ? newestFirst[..window] : newestFirst;
        var skip = (Math.Max(1, pageNumber) - 1) * PageSize;
        var averageLength = inWindow.Count == 0 ? 1 : Math.Max(1, inWindow.Average(c => c.Text.Length));
        var ids = inWindow
            .Select(c => (c.PostId, Score: Score(c, terms, averageLength)))
            .OrderByDescending(c => c.Score).ThenByDescending(c => c.PostId)
            .Skip(skip).Take(PageSize).Select(c => c.PostId).ToList();
        var lastPageOfWindow = skip + PageSize >= inWindow.Count;
        return new Page(ids, !lastPageOfWindow || olderExist, lastPageOfWindow && olderExist ? inWindow[^1].PostId : null);
    }

    /// <summary>
    /// BM25's shape within the window: each term's occurrences in the post, saturated and normalised by the post's length
    /// against the window's average, plus twice that for the thread's title (a title hit says what the thread is about).
    /// Every candidate holds every term, so inverse document frequency would weigh them all alike and is left out.
    /// </summary>
    public static double Score(Candidate candidate, string[] terms, double averageLength)
    {
        const double k1 = 1.2, b = 0.75;
        var score = 0.0;
        foreach (var term in terms.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var inTitle = Occurrences(candidate.Title, term);
            var inText = Occurrences(candidate.Text, term);
            score += 2 * inTitle / (inTitle + k1) + inText / (inText + k1 * (1 - b + b * candidate.Text.Length / averageLength));
        }
        return score;
    }

    private static double Occurrences(string? text, string term)
    {
        var count = 0;
        for (var at = text?.IndexOf(term, StringComparison.OrdinalIgnoreCase) ?? -1; at >= 0; at = text!.IndexOf(term, at + term.Length, StringComparison.OrdinalIgnoreCase))
        {
            count++;
        }
        return count;
    }

    /// <summary>The page's posts in ranked order, each with what a result shows and its snippet.</summary>
    public static async Task<List<SearchHit>> HitsAsync(DialogueDbContext db, Privacy.Pseudonyms pseudonyms, IQueryable<Post> posts, IReadOnlyList<long> ids,
        Func<long, string> snippet, CancellationToken ct)
    {
        var rows = await posts.Where(p => ids.Contains(p.Id)).Select(p => new
        {
            p.Id,
            p.Number,
            p.ThreadId,
            p.Thread!.Title,
            p.Thread.Label,
            Space = p.Thread.Space!.Name,
            // A Chatham House post shows its author's pseudonym; the real name is not even read.
            Author = p.Thread.ChathamHouse ? null : db.Users.Where(u => u.Id == p.AuthorId).Select(u => u.DisplayName).First(),
            Pseudonym = db.ThreadPseudonyms.Where(x => x.ThreadId == p.ThreadId && x.UserId == p.AuthorId).Select(x => (int?)x.Number).FirstOrDefault(),
            p.CreatedAt,
        }).ToDictionaryAsync(r => r.Id, ct);
        return [.. ids.Where(rows.ContainsKey).Select(id => rows[id]).Select(r => new SearchHit(r.Id, r.Number, r.ThreadId, r.Title, r.Label, r.Space,
            r.Author ?? pseudonyms.Name(r.Pseudonym), r.CreatedAt, snippet(r.Id)))];
    }
}
