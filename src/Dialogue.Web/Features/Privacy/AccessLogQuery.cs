using Dialogue.Data;
using Dialogue.Data.Privacy;
using Dialogue.Web.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Privacy;

/// <summary>
/// Reads the access log for a reviewer, one query per page of rows: everything for an admin, the entries of the spaces a
/// space moderator moderates otherwise. A thread's title shows only to a reviewer who may read the thread (an admin
/// reviewing reads of a RED thread sees its number and space, not its title).
/// </summary>
public sealed class AccessLogQuery(DialogueDbContext db)
{
    public const int PageSize = 50;
    /// <summary>An export holds at most this many rows (the newest); narrow the filter for more.</summary>
    public const int MaxExportRows = 100_000;

    public sealed record Filter(string? Member = null, long? ThreadId = null, AccessSurface? Surface = null, DateOnly? From = null, DateOnly? To = null,
        long? SpaceId = null);

    public sealed record Row(DateTimeOffset At, string UserId, string? MemberName, string? MemberEmail, long ThreadId, string? ThreadTitle, long? PostId,
        AccessSurface Surface, long SpaceId, string SpaceName);

    public async Task<(IReadOnlyList<Row> Rows, bool HasMore)> PageAsync(Viewer reviewer, Filter filter, int page, CancellationToken ct)
    {
        var rows = await Query(reviewer, filter).Skip((Math.Max(1, page) - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        return (rows.Take(PageSize).ToList(), rows.Count > PageSize);
    }

    public async Task<IReadOnlyList<Row>> ExportAsync(Viewer reviewer, Filter filter, CancellationToken ct) =>
        await Query(reviewer, filter).Take(MaxExportRows).ToListAsync(ct);

    private IQueryable<Row> Query(Viewer reviewer, Filter filter)
    {
        var entries = db.ThreadAccessLog.AsNoTracking();
        var threads = db.Threads.AsNoTracking();
        if (!AccessPolicy.CanReviewAccessLog(reviewer))
        {
            var moderated = reviewer.ModeratedSpaceIds();
            threads = threads.Where(t => moderated.Contains(t.SpaceId));
        }
        if (filter.SpaceId is { } spaceId)
        {
            threads = threads.Where(t => t.SpaceId == spaceId);
        }
        if (filter.ThreadId is { } threadId)
        {
            entries = entries.Where(e => e.ThreadId == threadId);
        }
        if (filter.Surface is { } surface)
        {
            entries = entries.Where(e => e.Surface == surface);
        }
        if (filter.From is { } from)
        {
            var since = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(e => e.At >= since);
        }
        if (filter.To is { } to)
        {
            var until = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(e => e.At < until);
        }
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Member))
        {
            var member = filter.Member.Trim();
            users = users.Where(u => u.DisplayName.Contains(member) || (u.Email != null && u.Email.Contains(member)));
            entries = entries.Where(e => users.Any(u => u.Id == e.UserId));
        }
        var readable = db.Threads.AsNoTracking().VisibleTo(reviewer);
        return from e in entries
               join t in threads on e.ThreadId equals t.Id
               join u in db.Users on e.UserId equals u.Id into us
               from u in us.DefaultIfEmpty()
               orderby e.At descending, e.Id descending
               select new Row(e.At, e.UserId, u != null ? u.DisplayName : null, u != null ? u.Email : null, e.ThreadId,
                   readable.Any(r => r.Id == t.Id) ? t.Title : null, e.PostId, e.Surface, t.SpaceId, t.Space!.Name);
    }
}
