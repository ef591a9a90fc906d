using Dialogue.Data;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Threads;
using Dialogue.Web.Infrastructure.Caching;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Search;

/// <summary>A readable match in the window: its id, its thread's title when it opens the thread, its own words.</summary>
public sealed record Candidate(long PostId, string? Title, string Text);

/// <summary>
/// A post the index matched, with what the access policy and a result line need to know of it; its words only where
/// they are read (<see cref="SearchWindow"/>).
/// </summary>
public sealed record Match(long PostId, long ThreadId, int Number, string AuthorId, PostStatus Status, bool Embargoed, DateTimeOffset CreatedAt, string? Text);

/// <summary>
/// What both providers share once their index has found the window (the newest <see cref="SearchOptions.RankedMatches"/>
/// readable matches, plus one to learn whether older ones exist): ranking, paging, the way on to older matches, and
/// the page's details.
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
}

/// <summary>
/// Who may read each match, and the results page, decided from the matched posts' own facts and their threads' heads
/// (<see cref="ThreadHeads"/>, remembered between this node's writes) by <see cref="AccessPolicy"/> — the rule that
/// <c>Posts.VisibleTo(viewer)</c> writes as a query (PolicyAndQueryAgreeTests holds them together). A search then asks
/// the database for the matches only, not for the member's memberships in every query, nor for each result's thread,
/// space and author.
/// </summary>
public sealed class SearchWindow(DialogueDbContext db, ThreadHeads heads, LocalWrites writes, Privacy.Pseudonyms pseudonyms)
{
    /// <summary>The matches the viewer may read, in the order given.</summary>
    public async Task<List<Match>> ReadableAsync(IReadOnlyList<Match> matches, Viewer viewer, CancellationToken ct)
    {
        var threads = await heads.GetManyAsync(matches.Select(m => m.ThreadId).ToHashSet(), ct);
        return [.. matches.Where(m => threads.TryGetValue(m.ThreadId, out var head)
            && AccessPolicy.Can(viewer, new PostFacts(head.Facts, m.AuthorId, m.Status, Embargoed: m.Embargoed), AccessAction.Read))];
    }

    /// <summary>
    /// The results page of a window of readable matches (newest first, with their words, one more than
    /// <paramref name="window"/> when older matches exist): ranked, paged, each with its thread, author and snippet.
    /// </summary>
    public async Task<SearchResults> ResultsAsync(IReadOnlyList<Match> readable, string[] terms, int window, int pageNumber, CancellationToken ct)
    {
        var threads = await heads.GetManyAsync(readable.Select(m => m.ThreadId).ToHashSet(), ct);
        var page = RankedWindow.Cut([.. readable.Select(m => new Candidate(m.PostId, m.Number == 1 ? threads[m.ThreadId].Title : null, m.Text!))],
            terms, window, pageNumber);
        var byId = readable.ToDictionary(m => m.PostId);
        var shown = page.PostIds.Select(id => byId[id]).ToList();
        // A Chatham House post shows its author's pseudonym; the real name is not even read.
        var named = shown.Where(m => !threads[m.ThreadId].ChathamHouse).Select(m => m.AuthorId).ToHashSet();
        var names = named.Count == 0
            ? new Dictionary<string, string>()
            : await writes.RememberEachAsync("display name", named, async missing => (IReadOnlyDictionary<string, string>)await db.Users.AsNoTracking()
                .Where(u => missing.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct));
        var chatham = shown.Where(m => threads[m.ThreadId].ChathamHouse).ToList();
        var chathamThreads = chatham.Select(m => m.ThreadId).Distinct().ToList();
        var chathamAuthors = chatham.Select(m => m.AuthorId).Distinct().ToList();
        var numbers = chatham.Count == 0
            ? []
            : await db.ThreadPseudonyms.AsNoTracking().Where(x => chathamThreads.Contains(x.ThreadId) && chathamAuthors.Contains(x.UserId))
                .ToDictionaryAsync(x => (x.ThreadId, x.UserId), x => x.Number, ct);
        var hits = shown.Select(m =>
        {
            var thread = threads[m.ThreadId];
            var author = !thread.ChathamHouse && names.TryGetValue(m.AuthorId, out var name)
                ? name
                : pseudonyms.Name(numbers.TryGetValue((m.ThreadId, m.AuthorId), out var number) ? number : null);
            return new SearchHit(m.PostId, m.Number, m.ThreadId, thread.Title, thread.Label, thread.SpaceName, author, m.CreatedAt,
                SqliteSearchIndex.LikeSnippet(m.Text!, terms));
        }).ToList();
        return new SearchResults(hits, page.HasMore) { OlderThan = page.OlderThan };
    }
}
