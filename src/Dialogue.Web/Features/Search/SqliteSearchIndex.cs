using System.Net;
using Dialogue.Data;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Search;

/// <summary>
/// SQLite FTS5 with the trigram tokenizer (the PostSearch table, kept in step by triggers). Both search and cut snippets
/// from <see cref="Post.PlainText"/>, a post's own words: never its Markdown source, which holds the words it quotes from
/// other posts, readable or not. Matches are joined with <see cref="Visible.VisibleTo(IQueryable{Post}, Viewer)"/>, so
/// the index never decides who reads what. A Chatham House post shows its author's pseudonym (its real name is not
/// read) and never matches the author filter, which would otherwise tell who wrote it.
/// <para>
/// Cost is bounded whatever the corpus: FTS5 hands out matches newest first (rowid order) for nearly nothing, so a
/// results page takes the newest <see cref="SearchOptions.RankedMatches"/> readable matches, ranks them, pages them
/// and cuts the page's snippets from the text it already holds. Older matches follow in windows of the same size (<see cref="SearchQuery.Before"/>).
/// FTS5's own bm25 is not used: it counts every match of every term before ranking the first one, which for a common
/// word costs as much as the old unbounded search.
/// </para>
/// </summary>
public sealed class SqliteSearchIndex(DialogueDbContext db, Privacy.Pseudonyms pseudonyms, IOptions<SearchOptions> options) : ISearchIndex
{
    public const int PageSize = RankedWindow.PageSize;

    /// <summary>A two-character term becomes an OR of the trigrams it starts; more than this and the LIKE path is cheaper.</summary>
    public const int MaxTrigramsPerShortTerm = 256;

    private const char Open = '\u0002';
    private const char Close = '\u0003';

    public async Task<SearchResults> SearchAsync(SearchQuery query, Viewer viewer, CancellationToken ct)
    {
        var terms = query.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (terms.Length == 0)
        {
            return new SearchResults([], false);
        }
        var posts = Filter(db, db.Posts.AsNoTracking().VisibleTo(viewer).Where(p => !p.IsDeleted), query);
        var match = terms.All(t => t.Length >= 2) ? await MatchExpressionAsync(terms, ct) : null;
        if (match is null)
        {
            return await LikeSearchAsync(posts, terms, query, ct);
        }
        if (match.Length == 0)
        {
            return new SearchResults([], false);
        }

        // The window: the newest readable matches, one more than ranked to learn whether older ones exist. FTS5 hands
        // out matches newest first for nearly nothing; the access policy then keeps the readable ones of each batch.
        // (Joined in one statement, SQLite would read every match before ordering them: EF casts the raw rowid.)
        // The first batch is no larger than the window, so its readable matches come with their texts at once; later
        // batches grow and read ids only (a batch can hold many more readable matches than the window still needs, and
        // with 64 searches at once their texts were most of the process's peak memory).
        var window = options.Value.RankedMatches;
        var candidates = new List<Candidate>();
        var more = new List<long>();
        var cursor = query.Before ?? long.MaxValue;
        for (var batch = window + 1; ; batch = Math.Min(batch * 2, 64 * (window + 1)))
        {
            var ids = await db.Database.SqlQueryRaw<long>(
                    "SELECT rowid AS Value FROM PostSearch WHERE PostSearch MATCH {0} AND rowid < {1} ORDER BY rowid DESC LIMIT {2}", match, cursor, batch)
                .ToListAsync(ct);
            if (ids.Count == 0)
            {
                break;
            }
            if (batch == window + 1)
            {
                candidates = await Candidates(posts, ids, ct);
            }
            else
            {
                more.AddRange((await posts.Where(p => EF.Parameter(ids).Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).OrderDescending());
            }
            if (candidates.Count + more.Count > window || ids.Count < batch)
            {
                break;
            }
            cursor = ids[^1];
        }
        if (more.Count > 0)
        {
            candidates.AddRange(await Candidates(posts, more[..Math.Min(more.Count, window + 1 - candidates.Count)], ct));
        }
        var page = RankedWindow.Cut(candidates, terms, window, query.Page);
        // Snippets from the window's text already in memory: FTS5's snippet() re-opens the match for every row it cuts
        // (about 1 ms a row for a long word), more than ranking the whole window costs.
        var text = candidates.ToDictionary(c => c.PostId, c => c.Text);
        var hits = await RankedWindow.HitsAsync(db, pseudonyms, posts, page.PostIds, id => LikeSnippet(text[id], terms), ct);
        return new SearchResults(hits, page.HasMore) { OlderThan = page.OlderThan };
    }

    /// <summary>The readable posts of <paramref name="ids"/> with the words ranking reads, newest first.</summary>
    private static async Task<List<Candidate>> Candidates(IQueryable<Post> posts, List<long> ids, CancellationToken ct) =>
        [.. (await posts.Where(p => EF.Parameter(ids).Contains(p.Id))
                .Select(p => new Candidate(p.Id, p.Number == 1 ? p.Thread!.Title : null, p.PlainText)).ToListAsync(ct))
            .OrderByDescending(c => c.PostId)];

    /// <summary>
    /// Each term a quoted FTS5 string (quotes doubled), all required: user input is never FTS5 syntax. A two-character
    /// term (too short for a trigram) becomes the OR of the indexed trigrams it starts, found in the vocabulary
    /// (PostSearchTerms); the index ends every text with a space, so a term at the very end starts one too.
    /// Null: some term is better served by LIKE; empty: some term occurs nowhere.
    /// </summary>
    private async Task<string?> MatchExpressionAsync(string[] terms, CancellationToken ct)
    {
        var parts = new List<string>();
        foreach (var term in terms)
        {
            if (term.Length >= 3)
            {
                parts.Add(Quote(term));
                continue;
            }
            var prefix = term.ToLowerInvariant();
            var trigrams = await db.Database.SqlQueryRaw<string>(
                    "SELECT term AS Value FROM PostSearchTerms WHERE term >= {0} AND term < {1} LIMIT {2}", prefix, prefix + "\U0010FFFF", MaxTrigramsPerShortTerm + 1)
                .ToListAsync(ct);
            if (trigrams.Count > MaxTrigramsPerShortTerm)
            {
                return null;
            }
            if (trigrams.Count == 0)
            {
                return "";
            }
            parts.Add("(" + string.Join(" OR ", trigrams.Select(Quote)) + ")");
        }
        return string.Join(" AND ", parts);
    }

    private static string Quote(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A one-character term (or a two-character one common enough to start hundreds of trigrams): LIKE over the readable posts, newest first.</summary>
    private async Task<SearchResults> LikeSearchAsync(IQueryable<Post> posts, string[] terms, SearchQuery query, CancellationToken ct)
    {
        var skip = (Math.Max(1, query.Page) - 1) * PageSize;
        foreach (var term in terms)
        {
            var pattern = "%" + EscapeLike(term) + "%";
            posts = posts.Where(p => EF.Functions.Like(p.PlainText, pattern, "\\") || (p.Number == 1 && EF.Functions.Like(p.Thread!.Title, pattern, "\\")));
        }
        var rows = await posts.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Select(p => new
            {
                p.Id,
                p.Number,
                p.ThreadId,
                p.Thread!.Title,
                p.Thread.Label,
                Space = p.Thread.Space!.Name,
                Author = p.Thread.ChathamHouse ? null : db.Users.Where(u => u.Id == p.AuthorId).Select(u => u.DisplayName).First(),
                Pseudonym = db.ThreadPseudonyms.Where(x => x.ThreadId == p.ThreadId && x.UserId == p.AuthorId).Select(x => (int?)x.Number).FirstOrDefault(),
                p.CreatedAt,
                p.PlainText
            })
            .Skip(skip).Take(PageSize + 1).ToListAsync(ct);
        var hits = rows.Select(r => new SearchHit(r.Id, r.Number, r.ThreadId, r.Title, r.Label, r.Space, r.Author ?? pseudonyms.Name(r.Pseudonym), r.CreatedAt,
            LikeSnippet(r.PlainText, terms))).ToList();
        return new SearchResults(hits.Take(PageSize).ToList(), hits.Count > PageSize);
    }

    /// <summary>The search form's filters, shared by both providers' indexes.</summary>
    internal static IQueryable<Post> Filter(DialogueDbContext db, IQueryable<Post> posts, SearchQuery query)
    {
        if (query.SpaceId is { } spaceId)
        {
            posts = posts.Where(p => p.Thread!.SpaceId == spaceId);
        }
        if (query.Label is { } label)
        {
            posts = posts.Where(p => p.Thread!.Label == label);
        }
        if (!string.IsNullOrWhiteSpace(query.Author))
        {
            var author = query.Author.Trim();
            posts = posts.Where(p => !p.Thread!.ChathamHouse && db.Users.Any(u => u.Id == p.AuthorId && u.DisplayName == author));
        }
        if (query.From is { } from)
        {
            posts = posts.Where(p => p.CreatedAt >= from);
        }
        if (query.To is { } to)
        {
            posts = posts.Where(p => p.CreatedAt < to);
        }
        if (query.Before is { } before)
        {
            posts = posts.Where(p => p.Id < before);
        }
        return posts;
    }

    /// <summary>Encode the whole snippet first, then turn the match markers (control characters no post contains after encoding) into &lt;mark&gt;.</summary>
    public static string Highlight(string snippet) =>
        WebUtility.HtmlEncode(snippet.Replace("\n", " ", StringComparison.Ordinal))
            .Replace(Open.ToString(), "<mark>", StringComparison.Ordinal)
            .Replace(Close.ToString(), "</mark>", StringComparison.Ordinal);

    internal static string EscapeLike(string term) =>
        term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    internal static string LikeSnippet(string plainText, string[] terms)
    {
        var at = terms.Select(t => plainText.IndexOf(t, StringComparison.OrdinalIgnoreCase)).Where(i => i >= 0).DefaultIfEmpty(0).Min();
        var start = Math.Max(0, at - 40);
        var text = plainText.Substring(start, Math.Min(plainText.Length - start, 160)).Replace(Open, ' ').Replace(Close, ' ');
        foreach (var term in terms)
        {
            text = System.Text.RegularExpressions.Regex.Replace(text, System.Text.RegularExpressions.Regex.Escape(term),
                m => Open + m.Value + Close, System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        }
        return Highlight((start > 0 ? "…" : "") + text);
    }
}
