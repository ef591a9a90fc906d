using Dialogue.Data;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Search;

/// <summary>
/// PostgreSQL: every term must occur in the post's own words (<see cref="Post.PlainText"/>) or, for an opening post, the
/// thread's title, ignoring case. A word term (letters and digits of a word-based script: English, Russian, ...) is
/// matched as a word prefix against the full-text vector Posts.SearchVector, served by its GIN index (migration
/// PgFullText): "eval" finds "evaluation". Any other term — Chinese or Japanese, which have no word breaks, or one with
/// punctuation such as "GPT-4" — is a substring match (ILIKE) served by the pg_trgm GIN indexes (migration
/// SearchAtScale), as SQLite's trigram index matches every term. Like SQLite, a results page ranks the newest
/// <see cref="SearchOptions.RankedMatches"/> readable matches (<see cref="RankedWindow"/>); snippets for the page only.
/// Matches come from <see cref="Visible.VisibleTo(IQueryable{Post}, Viewer)"/> and pass the access policy (<see cref="SearchWindow"/>):
/// the index never decides who reads what.
/// <para>
/// The window is ranked by <see cref="RankedWindow"/>, not ts_rank: ts_rank sees only the word terms (a Chinese term is
/// no lexeme), so a mixed query would rank differently on the two providers, and the same query should show the same
/// page on both. The window is at most a few hundred posts whose text is already in memory, so ranking it costs little.
/// </para>
/// </summary>
public sealed class PostgresSearchIndex(DialogueDbContext db, SearchWindow window, IOptions<SearchOptions> options) : ISearchIndex
{
    public async Task<SearchResults> SearchAsync(SearchQuery query, Viewer viewer, CancellationToken ct)
    {
        var terms = query.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (terms.Length == 0)
        {
            return new SearchResults([], false);
        }
        var words = terms.Where(IsWordTerm).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        // Only letters and digits reach the tsquery, so user input is never tsquery syntax; it is a parameter besides.
        var prefixes = string.Join(" & ", words.Select(w => w + ":*"));
        var source = words.Count == 0
            ? db.Posts
            : db.Posts.FromSql($"SELECT * FROM \"Posts\" WHERE \"SearchVector\" @@ to_tsquery('simple', {prefixes})");
        var matching = Readable(source, query, viewer);
        foreach (var term in terms.Where(t => !IsWordTerm(t)))
        {
            var pattern = "%" + SqliteSearchIndex.EscapeLike(term) + "%";
            matching = matching.Where(p => EF.Functions.ILike(p.PlainText, pattern, "\\") || (p.Number == 1 && EF.Functions.ILike(p.Thread!.Title, pattern, "\\")));
        }
        var size = options.Value.RankedMatches;
        var matches = await matching.OrderByDescending(p => p.Id)
            .Select(p => new Match(p.Id, p.ThreadId, p.Number, p.AuthorId, p.Status, p.EmbargoUntil != null, p.CreatedAt, p.PlainText))
            .Take(size + 1).ToListAsync(ct);
        // The query kept the readable matches already (the LIMIT needs it there); the policy's check is the same rule.
        return await window.ResultsAsync(await window.ReadableAsync(matches, viewer, ct), terms, size, query.Page, ct);
    }

    private IQueryable<Post> Readable(IQueryable<Post> source, SearchQuery query, Viewer viewer) =>
        SqliteSearchIndex.Filter(db, source.AsNoTracking().VisibleTo(viewer).Where(p => !p.IsDeleted), query);

    /// <summary>
    /// A term the full-text vector can answer: only letters and digits, none of them Chinese or Japanese. The vector
    /// breaks words at everything else (migration PgFullText, whose character ranges these mirror), so a term with
    /// punctuation or a combining mark would never be one lexeme, and Chinese or Japanese text is not in it at all.
    /// </summary>
    public static bool IsWordTerm(string term) => term.All(c => char.IsLetterOrDigit(c) && !IsChineseOrJapanese(c));

    private static bool IsChineseOrJapanese(char c) =>
        c is (>= '\u3000' and <= '\u30ff') or (>= '\u3400' and <= '\u4dbf') or (>= '\u4e00' and <= '\u9fff') or (>= '\uf900' and <= '\ufaff') or (>= '\uff00' and <= '\uffef');
}
