using Dialogue.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Admin;

public class AuditModel(DialogueDbContext db) : PageModel
{
    public const int PageSize = 50;

    /// <summary>Only the entries about this member, when given.</summary>
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? TargetUserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Entries { get; private set; } = [];

    public bool HasNextPage { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
        var entries = db.AdminAuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(TargetUserId))
        {
            entries = entries.Where(e => e.TargetUserId == TargetUserId);
        }
        // Names come from the same query; an entry about a deleted account still shows, without a name.
        var rows = await (
                from entry in entries
                join actor in db.Users on entry.ActorId equals actor.Id into actors
                from actor in actors.DefaultIfEmpty()
                join target in db.Users on entry.TargetUserId equals target.Id into targets
                from target in targets.DefaultIfEmpty()
                orderby entry.At descending, entry.Id descending
                select new Row(
                    entry.At,
                    entry.Action,
                    entry.ActorId,
                    actor != null ? actor.DisplayName : null,
                    entry.TargetUserId,
                    target != null ? target.DisplayName : null,
                    target != null ? target.Email : null,
                    entry.Details))
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize + 1)
            .ToListAsync(ct);
        HasNextPage = rows.Count > PageSize;
        Entries = rows.Take(PageSize).ToList();
    }

    public sealed record Row(
        DateTimeOffset At,
        string Action,
        string ActorId,
        string? ActorName,
        string? TargetId,
        string? TargetName,
        string? TargetEmail,
        string? Details);
}
