using Dialogue.Data;
using Dialogue.Data.Sensitivity;
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
        int PostCount, DateTimeOffset LastActivityAt, int? LastRead, bool ChathamHouse = false, int? AuthorPseudonym = null, DateTimeOffset? EmbargoUntil = null)
    {
        public bool IsUnread(Viewer viewer) => viewer.IsApproved && PostCount > (LastRead ?? 0);
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
            var latest = Named(await Rows(visible.OrderByDescending(t => t.LastActivityAt).ThenByDescending(t => t.Id).Take(LatestCount), userId).ToListAsync(ct));

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
            var readThreads = db.ReadStates.Where(r => r.UserId == userId).Select(r => r.ThreadId);
            var unread = Named(await Rows(visible
                    .Where(t => readThreads.Contains(t.Id))
                    .Where(t => db.ReadStates.Any(r => r.UserId == userId && r.ThreadId == t.Id && r.LastReadPostNumber < t.PostCount))
                    .OrderByDescending(t => t.LastActivityAt).ThenByDescending(t => t.Id).Take(UnreadCount), userId)
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

        private IQueryable<ThreadRow> Rows(IQueryable<Data.Threads.DiscussionThread> threads, string? userId) =>
            threads.Select(t => new ThreadRow(t.Id, t.Title, t.Label, t.Space!.Name, t.Space.Slug,
                t.ChathamHouse ? "" : db.Users.Where(u => u.Id == t.AuthorId).Select(u => u.DisplayName).First(),
                // Scheduled replies are not counted until they appear (their numbers are taken already).
                t.PostCount - t.Posts.Count(x => x.EmbargoUntil != null), t.LastActivityAt,
                db.ReadStates.Where(r => r.UserId == userId && r.ThreadId == t.Id).Select(r => (int?)r.LastReadPostNumber).FirstOrDefault(),
                t.ChathamHouse,
                db.ThreadPseudonyms.Where(x => x.ThreadId == t.Id && x.UserId == t.AuthorId).Select(x => (int?)x.Number).FirstOrDefault(),
                t.EmbargoUntil));
    }
}
