using System.Text;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Admin;
using Dialogue.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dialogue.Web.Features.Privacy;

/// <summary>The whole access log for admins: filter by member, thread, surface and dates; export the filtered rows as CSV (the export is audited).</summary>
[Authorize(Policy = Policies.Admin)]
public class AccessLogModel(CurrentViewer current, AccessLogQuery query, AdminAudit audit, Dialogue.Data.DialogueDbContext db, TimeProvider clock) : PageModel
{
    public const string ExportAction = "access-log-exported";

    [BindProperty(SupportsGet = true)] public AccessLogFilterInput Input { get; set; } = new();
    public AccessLogView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        if (!AccessPolicy.CanReviewAccessLog(viewer))
        {
            return NotFound();
        }
        var (rows, more) = await query.PageAsync(viewer, Input.ToFilter(), Input.Page, ct);
        View = new AccessLogView("/Admin/AccessLog", null, Input, rows, more);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        if (!AccessPolicy.CanReviewAccessLog(viewer))
        {
            return NotFound();
        }
        var rows = await query.ExportAsync(viewer, Input.ToFilter(), ct);
        // Who took a copy of the log, with which filter, is itself on record.
        audit.Record(viewer.UserId!, ExportAction, null, $"{rows.Count} rows; {Input.Link("", null).TrimStart('?')}");
        await db.SaveChangesAsync(ct);
        var name = $"access-log-{clock.GetUtcNow():yyyyMMdd-HHmmss}.csv";
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(AccessLogCsv.Write(rows))).ToArray(), "text/csv; charset=utf-8", name);
    }
}
