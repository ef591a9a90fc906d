using Dialogue.Data;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Threads;

/// <summary>Loads one post with its thread's facts, through the access policy, for the pages that act on a single post.</summary>
public static class PostPage
{
    public sealed record Loaded(long Id, long ThreadId, int Number, string ThreadTitle, string AuthorId, string AuthorName, string Source, string Html, int RendererVersion,
        DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, bool IsDeleted, PostFacts Facts, bool ChathamHouse = false, int? AuthorPseudonym = null,
        bool GlossaryLinksOff = false, DateTimeOffset? EmbargoUntil = null);

    public static async Task<Loaded?> LoadAsync(DialogueDbContext db, Viewer viewer, long postId, CancellationToken ct)
    {
        var row = await db.Posts.AsNoTracking().VisibleTo(viewer).Where(p => p.Id == postId)
            .Select(p => new
            {
                p.Id,
                p.ThreadId,
                p.Number,
                p.Thread!.Title,
                p.AuthorId,
                AuthorName = db.Users.Where(u => u.Id == p.AuthorId).Select(u => u.DisplayName).First(),
                p.Source,
                p.Html,
                p.RendererVersion,
                p.CreatedAt,
                p.EditedAt,
                p.IsDeleted,
                p.Status,
                p.Thread.SpaceId,
                p.Thread.Label,
                ThreadAuthorId = p.Thread.AuthorId,
                ThreadStatus = p.Thread.Status,
                Locked = p.Thread.LockedAt != null,
                Closed = p.Thread.ClosedAt != null,
                Participants = p.Thread.Participants.Select(x => x.UserId).ToList(),
                p.Thread.ChathamHouse,
                p.GlossaryLinksOff,
                ThreadEmbargoed = p.Thread.EmbargoUntil != null,
                p.EmbargoUntil,
                Pseudonym = db.ThreadPseudonyms.Where(x => x.ThreadId == p.ThreadId && x.UserId == p.AuthorId).Select(x => (int?)x.Number).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        var thread = new ThreadFacts(row.SpaceId, row.Label, row.ThreadAuthorId, row.Participants, row.ThreadStatus, row.Locked, row.Closed, row.ThreadEmbargoed);
        return new Loaded(row.Id, row.ThreadId, row.Number, row.Title, row.AuthorId, row.AuthorName, row.Source, row.Html, row.RendererVersion, row.CreatedAt, row.EditedAt,
            row.IsDeleted, new PostFacts(thread, row.AuthorId, row.Status, row.IsDeleted, row.EmbargoUntil is not null), row.ChathamHouse, row.Pseudonym,
            row.GlossaryLinksOff, row.EmbargoUntil);
    }
}
