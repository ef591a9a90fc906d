using System.Net;
using System.Text.Json;
using Dialogue.Data;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Search;

/// <summary>
/// SQLite FTS5 with the trigram tokenizer (the PostSearch table, kept in step by triggers). Trigrams need three
/// characters: a shorter term is searched with LIKE over the visible posts instead. Both search and cut snippets
/// from <see cref="Post.PlainText"/>, a post's own words: never its Markdown source, which holds the words it
/// quotes from other posts, readable or not. Hits are joined with
/// <see cref="Visible.VisibleTo(IQueryable{Post}, Viewer)"/>, so the index never decides who reads what.
/// A Chatham House post shows its author's pseudonym (its real name is not read) and never matches the author filter,
/// which would otherwise tell who wrote it.
/// </summary>
public sealed class SqliteSearchIndex(DialogueDbContext db, Privacy.Pseudonyms pseudonyms) : ISearchIndex
{
    public const int PageSize = 20;
    private const char Open = '\u0002';
    private const char Close = '\u0003';

    private sealed record Ranked(long PostId, double Rank);

    private sealed record Match(long PostId, string Snippet, double Rank);

    public async Task<SearchResults> SearchAsync(SearchQuery query, Viewer viewer, CancellationToken ct)
    {
        var terms = query.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (terms.Length == 0)
        {
            return new SearchResults([], false);
        }
        var posts = Filter(db, db.Posts.AsNoTracking().VisibleTo(viewer).Where(p => !p.IsDeleted), query);
        var skip = (Math.Max(1, query.Page) - 1) * PageSize;
        List<SearchHit> hits;
        // Trigrams need three characters: shorter terms take the LIKE path.
        if (terms.All(t => t.Length >= 3))
        {
            // Each term a quoted FTS5 string (quotes doubled), all required: user input is never FTS5 syntax.
            var match = string.Join(" AND ", terms.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
            // Rank, filter through the access policy and page first; snippets (the costly part) only for the page.
            var found = db.Database.SqlQuery<Ranked>(
                $"SELECT rowid AS PostId, rank AS Rank FROM PostSearch WHERE PostSearch MATCH {match}");
            var rows = await (from m in found
                              join p in posts on m.PostId equals p.Id
                              orderby m.Rank, p.Id descending
                              select new
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
                              })
                .Skip(skip).Take(PageSize + 1).ToListAsync(ct);
            var page = JsonSerializer.Serialize(rows.Select(r => r.Id));
            Dictionary<long, string> snippets = rows.Count == 0
                ? []
                : await db.Database.SqlQuery<Match>(
                        $"SELECT rowid AS PostId, snippet(PostSearch, -1, char(2), char(3), '…', 64) AS Snippet, 0.0 AS Rank FROM PostSearch WHERE PostSearch MATCH {match} AND rowid IN (SELECT value FROM json_each({page}))")
                    .ToDictionaryAsync(m => m.PostId, m => m.Snippet, ct);
            hits = [.. rows.Select(r => new SearchHit(r.Id, r.Number, r.ThreadId, r.Title, r.Label, r.Space, r.Author ?? pseudonyms.Name(r.Pseudonym), r.CreatedAt,
                Highlight(snippets.GetValueOrDefault(r.Id, ""))))];
        }
        else
        {
            var like = posts;
            foreach (var term in terms)
            {
                var pattern = "%" + EscapeLike(term) + "%";
                like = like.Where(p => EF.Functions.Like(p.PlainText, pattern, "\\") || (p.Number == 1 && EF.Functions.Like(p.Thread!.Title, pattern, "\\")));
            }
            var rows = await like.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
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
            hits = [.. rows.Select(r => new SearchHit(r.Id, r.Number, r.ThreadId, r.Title, r.Label, r.Space, r.Author ?? pseudonyms.Name(r.Pseudonym), r.CreatedAt, LikeSnippet(r.PlainText, terms)))];
        }
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
