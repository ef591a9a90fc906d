using Dialogue.Data;
using Dialogue.Web.Features.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Search;

/// <summary>
/// PostgreSQL: every term must occur in the post's own words (<see cref="Dialogue.Data.Threads.Post.PlainText"/>) or,
/// for an opening post, the thread's title, ignoring case: ILIKE, served by the pg_trgm GIN indexes (migration
/// SearchAtScale), which need no word breaks (Chinese) and fold case in every script, and match substrings as SQLite's
/// trigram index does, so a query finds the same posts on both providers. Like SQLite, a results page ranks the newest
/// <see cref="SearchOptions.RankedMatches"/> readable matches (<see cref="RankedWindow"/>); snippets for the page only.
/// Hits come from <see cref="Visible.VisibleTo(IQueryable{Dialogue.Data.Threads.Post}, Viewer)"/>: the index never
/// decides who reads what.
/// </summary>
public sealed class PostgresSearchIndex(DialogueDbContext db, Privacy.Pseudonyms pseudonyms, IOptions<SearchOptions> options) : ISearchIndex
{
    public async Task<SearchResults> SearchAsync(SearchQuery query, Viewer viewer, CancellationToken ct)
    {
        var terms = query.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (terms.Length == 0)
        {
            return new SearchResults([], false);
        }
        var posts = SqliteSearchIndex.Filter(db, db.Posts.AsNoTracking().VisibleTo(viewer).Where(p => !p.IsDeleted), query);
        var matching = posts;
        foreach (var term in terms)
        {
            var pattern = "%" + SqliteSearchIndex.EscapeLike(term) + "%";
            matching = matching.Where(p => EF.Functions.ILike(p.PlainText, pattern, "\\") || (p.Number == 1 && EF.Functions.ILike(p.Thread!.Title, pattern, "\\")));
        }
        var window = options.Value.RankedMatches;
        var candidates = await matching.OrderByDescending(p => p.Id)
            .Select(p => new Candidate(p.Id, p.Number == 1 ? p.Thread!.Title : null, p.PlainText))
            .Take(window + 1).ToListAsync(ct);
        var page = RankedWindow.Cut(candidates, terms, window, query.Page);
        var text = candidates.ToDictionary(c => c.PostId, c => c.Text);
        var hits = await RankedWindow.HitsAsync(db, pseudonyms, posts, page.PostIds, id => SqliteSearchIndex.LikeSnippet(text[id], terms), ct);
        return new SearchResults(hits, page.HasMore) { OlderThan = page.OlderThan };
    }
}
