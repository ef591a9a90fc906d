using System.Net;
using Dialogue.Data;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Infrastructure.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Search;

/// <summary>
/// SQLite FTS5 with the trigram tokenizer (the PostSearch table, kept in step by triggers). Both search and cut snippets
/// from <see cref="Post.PlainText"/>, a post's own words: never its Markdown source, which holds the words it quotes from
/// other posts, readable or not. The index only finds matches: which of them the viewer reads is decided by the access
/// policy (<see cref="SearchWindow"/>; <see cref="Visible.VisibleTo(IQueryable{Post}, Viewer)"/> on the LIKE path). A Chatham House post shows its author's pseudonym (its real name is not
/// read) and never matches the author filter, which would otherwise tell who wrote it.
/// <para>
/// Cost is bounded whatever the corpus: FTS5 hands out matches newest first (rowid order) for nearly nothing, so a
/// results page takes the newest <see cref="SearchOptions.RankedMatches"/> readable matches, ranks them, pages them
/// and cuts the page's snippets from the text it already holds. Older matches follow in windows of the same size (<see cref="SearchQuery.Before"/>).
/// FTS5's own bm25 is not used: it counts every match of every term before ranking the first one, which for a common
/// word costs as much as the old unbounded search.
/// </para>
/// </summary>
public sealed class SqliteSearchIndex(DialogueDbContext db, SearchWindow window, LocalWrites writes, RememberedMatches remembered, Privacy.Pseudonyms pseudonyms,
    IOptions<SearchOptions> options) : ISearchIndex
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
        var match = terms.All(t => t.Length >= 2) ? await MatchExpressionAsync(terms, ct) : null;
        if (match is null)
        {
            return await LikeSearchAsync(Filter(db, db.Posts.AsNoTracking().VisibleTo(viewer).Where(p => !p.IsDeleted), query), terms, query, ct);
        }
        if (match.Length == 0)
        {
            return new SearchResults([], false);
        }

        // The window: the newest readable matches, one more than ranked to learn whether older ones exist. FTS5 hands
        // out matches newest first for nearly nothing; the access policy then keeps the readable ones of each batch.
        // (Joined in one statement, SQLite would read every match before ordering them: EF casts the raw rowid.)
        var posts = Filter(db, db.Posts.FromSqlRaw("SELECT * FROM Posts INDEXED BY IX_Posts_SearchFacts").AsNoTracking().Where(p => !p.IsDeleted), query);
        var size = options.Value.RankedMatches;
        var filters = string.Join('\n', match, query.SpaceId, query.Label, query.Author, query.From?.UtcTicks, query.To?.UtcTicks);
        var readable = new List<Match>();
        var cursor = query.Before ?? long.MaxValue;
        for (var batch = size + 1; ; batch = Math.Min(batch * 2, 64 * (size + 1)))
        {
            // What a batch holds is the same for every reader, so it is remembered until the next write (within
            // Search:RememberedMegabytes): the next reader of the query, or of its next page, asks nothing of it.
            var found = await writes.RememberAsync(remembered.Store, "search batch", $"{filters}\n{cursor}\n{batch}",
                () => ReadBatchAsync(posts, match, cursor, batch, withWords: batch == size + 1, ct), b => b.Bytes);
            if (found.Rows == 0)
            {
                break;
            }
            readable.AddRange((await window.ReadableAsync(found.Matches, viewer, ct)).Take(size + 1 - readable.Count));
            if (readable.Count > size || found.Rows < batch)
            {
                break;
            }
            cursor = found.Last;
        }
        var missing = readable.Where(m => m.Text is null).Select(m => m.PostId).ToList();
        var words = missing.Count == 0
            ? []
            : await db.Database.SqlQueryRaw<Words>(WordsOf, "[" + string.Join(',', missing) + "]").ToDictionaryAsync(w => w.PostId, w => w.Body!, ct);
        // Snippets are cut from the window's text in memory: FTS5's snippet() re-opens the match for every row it cuts
        // (about 1 ms a row for a long word), more than ranking the whole window costs.
        return await window.ResultsAsync([.. readable.Select(m => m.Text is null ? m with { Text = words[m.PostId] } : m)], terms, size, query.Page, ct);
    }

    /// <summary>
    /// One batch of matches, newest first: the rows FTS5 gave (<see cref="Rows"/>, the last of them <see cref="Last"/>) and,
    /// of those, the posts that pass the form's filters with their facts, and their words when the batch was read with them.
    /// </summary>
    private sealed record Batch(IReadOnlyList<Match> Matches, int Rows, long Last)
    {
        public long Bytes => 64 + Matches.Sum(m => 160 + 2L * (m.AuthorId.Length + (m.Text?.Length ?? 0)));
    }

    /// <summary>
    /// The first batch is no larger than the window, so it comes with its words (from the index's own copy, whose rows are
    /// a third of a post's); later batches grow and read ids only, and the words of the few readable ones the window still
    /// takes follow. The facts come from an index (IX_Posts_SearchFacts: a few pages, not one table page per post).
    /// </summary>
    private async Task<Batch> ReadBatchAsync(IQueryable<Post> posts, string match, long cursor, int batch, bool withWords, CancellationToken ct)
    {
        var found = await db.Database.SqlQueryRaw<Words>(withWords ? MatchesWithWords : MatchesOnly, match, cursor, batch).ToListAsync(ct);
        if (found.Count == 0)
        {
            return new Batch([], 0, cursor);
        }
        var ids = found.Select(r => r.PostId).ToList();
        var words = found.Where(r => r.Body is not null).ToDictionary(r => r.PostId, r => r.Body);
        var facts = await posts.Where(p => EF.Parameter(ids).Contains(p.Id))
            .Select(p => new Match(p.Id, p.ThreadId, p.Number, p.AuthorId, p.Status, p.EmbargoUntil != null, p.CreatedAt, null)).ToListAsync(ct);
        return new Batch([.. facts.OrderByDescending(m => m.PostId).Select(m => m with { Text = words.GetValueOrDefault(m.PostId) })], found.Count, ids[^1]);
    }

    /// <summary>A match and, where asked, its words: the index keeps <see cref="Post.PlainText"/> and a space (kept in step by triggers), and the space is cut.</summary>
    private sealed record Words(long PostId, string? Body);

    private const string MatchesWithWords =
        "SELECT rowid AS PostId, substr(Body, 1, length(Body) - 1) AS Body FROM PostSearch WHERE PostSearch MATCH {0} AND rowid < {1} ORDER BY rowid DESC LIMIT {2}";

    private const string MatchesOnly =
        "SELECT rowid AS PostId, NULL AS Body FROM PostSearch WHERE PostSearch MATCH {0} AND rowid < {1} ORDER BY rowid DESC LIMIT {2}";

    private const string WordsOf =
        "SELECT rowid AS PostId, substr(Body, 1, length(Body) - 1) AS Body FROM PostSearch WHERE rowid IN (SELECT value FROM json_each({0}))";

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
