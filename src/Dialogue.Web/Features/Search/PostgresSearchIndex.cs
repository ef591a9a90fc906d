using Dialogue.Data;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Search;

/// <summary>
/// PostgreSQL: every term must occur in the post's own words (<see cref="Post.PlainText"/>) or, for an opening post,
/// the thread's title, ignoring case: ILIKE, served by the pg_trgm GIN indexes (migration SearchAtScale), which need no
/// word breaks (Chinese) and fold case in every script, and match substrings as SQLite's trigram index does, so a
/// query finds the same posts on both providers. Newest first, paged in the database; snippets for the page only.
/// Hits come from <see cref="Visible.VisibleTo(IQueryable{Post}, Viewer)"/>: the index never decides who reads what.
/// </summary>
public sealed class PostgresSearchIndex(DialogueDbContext db, Privacy.Pseudonyms pseudonyms) : ISearchIndex
{
    public async Task<SearchResults> SearchAsync(SearchQuery query, Viewer viewer, CancellationToken ct)
    {
        var terms = query.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (terms.Length == 0)
        {
            return new SearchResults([], false);
        }
        var posts = SqliteSearchIndex.Filter(db, db.Posts.AsNoTracking().VisibleTo(viewer).Where(p => !p.IsDeleted), query);
        foreach (var term in terms)
        {
            var pattern = "%" + SqliteSearchIndex.EscapeLike(term) + "%";
            posts = posts.Where(p => EF.Functions.ILike(p.PlainText, pattern, "\\") || (p.Number == 1 && EF.Functions.ILike(p.Thread!.Title, pattern, "\\")));
        }
        var skip = (Math.Max(1, query.Page) - 1) * SqliteSearchIndex.PageSize;
        var rows = await posts
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Select(p => new
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
                p.PlainText,
            })
            .Skip(skip).Take(SqliteSearchIndex.PageSize + 1).ToListAsync(ct);
        var hits = rows.Select(r => new SearchHit(r.Id, r.Number, r.ThreadId, r.Title, r.Label, r.Space, r.Author ?? pseudonyms.Name(r.Pseudonym), r.CreatedAt,
            SqliteSearchIndex.LikeSnippet(r.PlainText, terms))).ToList();
        return new SearchResults(hits.Take(SqliteSearchIndex.PageSize).ToList(), hits.Count > SqliteSearchIndex.PageSize);
    }
}
