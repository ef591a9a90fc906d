using System.Linq.Expressions;
using Dialogue.Data;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features;

/// <summary>
/// The home page: what is going on in the spaces the viewer may read. Members see the latest and their unread
/// threads, their spaces and what is new since they last read; visitors the latest public threads, the public spaces
/// and the public digest. Everything through the access policy, in a fixed number of queries.
/// </summary>
public class IndexModel(IndexModel.Handler handler, CurrentViewer current) : PageModel
{
    public Result Home { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Home = await handler.Handle(await current.GetAsync(ct), ct);

    public sealed record ThreadRow(long Id, string Title, SensitivityLabel Label, string SpaceName, string SpaceSlug, string AuthorName,
        int PostCount, DateTimeOffset LastActivityAt, bool Unread, bool ChathamHouse = false, int? AuthorPseudonym = null, DateTimeOffset? EmbargoUntil = null)
    {
        public bool IsUnread(Viewer viewer) => viewer.IsApproved && Unread;
    }

    public sealed record SpaceRow(string Name, string Slug, string Description, SensitivityLabel Label);

    /// <param name="LastReadAt">When the member last read a thread ("since your last visit"), null for a visitor or a first visit.</param>
    public sealed record Result(Viewer Viewer, IReadOnlyList<ThreadRow> Latest, IReadOnlyList<ThreadRow> Unread, IReadOnlyList<SpaceRow> Spaces,
        DateTimeOffset? LastReadAt, int NewThreadsSince);

    public sealed class Handler(DialogueDbContext db, Privacy.Pseudonyms pseudonyms)
    {
        public const int LatestCount = 15;
        public const int UnreadCount = 10;

        public async Task<Result> Handle(Viewer viewer, CancellationToken ct)
        {
            var userId = viewer.UserId;
            var visible = db.Threads.AsNoTracking().VisibleTo(viewer);
            var latest = Named(await Rows(visible.OrderByDescending(t => t.LastActivityAt).ThenByDescending(t => t.Id).Take(LatestCount), viewer).ToListAsync(ct));

            var spaces = db.Spaces.AsNoTracking().VisibleTo(viewer);
            if (viewer.IsApproved)
            {
                var mine = viewer.MemberSpaceIds();
                spaces = spaces.Where(s => mine.Contains(s.Id));
            }
            var spaceRows = await spaces.OrderBy(s => s.Name).Select(s => new SpaceRow(s.Name, s.Slug, s.Description, s.DefaultLabel)).ToListAsync(ct);
            if (!viewer.IsApproved)
            {
                return new Result(viewer, latest, [], spaceRows, null, 0);
            }

            // Driven by the member's own read states (the IN list), not by scanning every thread newest first for the
            // few they have read: SQLite picks the recency index for the ORDER BY unless the ids come first.
            // The ten are chosen first and only they get their counts and marks: SQLite computes a row's columns before
            // it sorts, so asking for them in the sorted query counted the posts of every unread thread the member has.
            var readThreads = db.ReadStates.Where(r => r.UserId == userId).Select(r => r.ThreadId);
            var unreadIds = visible
                .Where(t => readThreads.Contains(t.Id))
                .Where(UnreadBy(viewer))
                .OrderByDescending(t => t.LastActivityAt).ThenByDescending(t => t.Id).Take(UnreadCount)
                .Select(t => t.Id);
            var unread = Named(await Rows(db.Threads.AsNoTracking().Where(t => unreadIds.Contains(t.Id))
                    .OrderByDescending(t => t.LastActivityAt).ThenByDescending(t => t.Id), viewer)
                .ToListAsync(ct));
            var lastReadAt = await db.ReadStates.AsNoTracking().Where(r => r.UserId == userId)
                .OrderByDescending(r => r.UpdatedAt).Select(r => (DateTimeOffset?)r.UpdatedAt).FirstOrDefaultAsync(ct);
            var newThreads = lastReadAt is { } since
                ? await visible.CountAsync(t => t.CreatedAt > since && t.AuthorId != userId, ct)
                : 0;
            return new Result(viewer, latest, unread, spaceRows, lastReadAt, newThreads);
        }

        /// <summary>A Chatham House thread's starter by their pseudonym; the real name is not even read.</summary>
        private List<ThreadRow> Named(List<ThreadRow> rows) =>
            [.. rows.Select(r => r.ChathamHouse ? r with { AuthorName = pseudonyms.Name(r.AuthorPseudonym) } : r)];

        /// <summary>
        /// Unread means a post the viewer may read past where they stopped, as on a space's page: a reply waiting in
        /// review is not news to a reader (its moderators see it, and have news), and comparing the read mark with the
        /// thread's post counter alone would tell a reader it exists. The counter is still compared first: it settles
        /// most read threads without asking the access policy about their posts.
        /// </summary>
        private Expression<Func<DiscussionThread, bool>> UnreadBy(Viewer viewer)
        {
            var userId = viewer.UserId;
            var readablePosts = db.Posts.AsNoTracking().VisibleTo(viewer);
            return t => db.ReadStates.Any(r => r.UserId == userId && r.ThreadId == t.Id && r.LastReadPostNumber < t.PostCount
                && readablePosts.Any(p => p.ThreadId == t.Id && p.Number > r.LastReadPostNumber));
        }

        private IQueryable<ThreadRow> Rows(IQueryable<DiscussionThread> threads, Viewer viewer)
        {
            var userId = viewer.UserId;
            var readablePosts = db.Posts.AsNoTracking().VisibleTo(viewer);
            return threads.Select(t => new ThreadRow(t.Id, t.Title, t.Label, t.Space!.Name, t.Space.Slug,
                t.ChathamHouse ? "" : db.Users.Where(u => u.Id == t.AuthorId).Select(u => u.DisplayName).First(),
                // What every reader sees in the thread, moderators and authors too: held, hidden, rejected, removed,
                // deleted and scheduled posts are left out (t.PostCount counts them all, their numbers are taken).
                t.Posts.Count(x => x.Status == PostStatus.Approved && !x.IsDeleted && x.EmbargoUntil == null), t.LastActivityAt,
                // UnreadBy, written out (an expression cannot be called inside a projection); never read is unread.
                userId != null && !db.ReadStates.Any(r => r.UserId == userId && r.ThreadId == t.Id && (r.LastReadPostNumber >= t.PostCount
                    || !readablePosts.Any(p => p.ThreadId == t.Id && p.Number > r.LastReadPostNumber))),
                t.ChathamHouse,
                db.ThreadPseudonyms.Where(x => x.ThreadId == t.Id && x.UserId == t.AuthorId).Select(x => (int?)x.Number).FirstOrDefault(),
                t.EmbargoUntil));
        }
    }
}
