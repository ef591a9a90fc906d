using System.Globalization;
using System.Text;
using Dialogue.Data;
using Dialogue.Data.Spaces;
using Dialogue.Data.Workshops;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Workshops;

/// <summary>
/// Organisers see who registered, decide requests, invite members, and export the list as CSV carrying only what the
/// workshop's label lets an export carry (<see cref="AccessPolicy.ExportFor"/>).
/// </summary>
public class RegistrantsModel(DialogueDbContext db, CurrentViewer current, WorkshopLoader loader, Registrations registrations, IStringLocalizer<Text> text) : PageModel
{
    public sealed record Row(long Id, string DisplayName, string? Affiliation, string? Email, WorkshopRegistrationStatus Status, DateTimeOffset CreatedAt, DateTimeOffset StatusChangedAt, DateTimeOffset? WaitingSince);

    public sealed record Person(string UserId, string DisplayName);

    public WorkshopLoader.Summary Workshop { get; private set; } = null!;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<Person> Invitable { get; private set; } = [];
    public WorkshopExport Export => AccessPolicy.ExportFor(Workshop.Label);

    public async Task<IActionResult> OnGetAsync(long workshopId, CancellationToken ct) =>
        await LoadAsync(workshopId, ct) ?? Page();

    public async Task<IActionResult> OnGetCsvAsync(long workshopId, CancellationToken ct)
    {
        if (await LoadAsync(workshopId, ct) is { } refusal)
        {
            return refusal;
        }
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Csv(Export, Rows))).ToArray(), "text/csv; charset=utf-8",
            Export == WorkshopExport.CountsOnly || Export == WorkshopExport.NamesOnly ? $"workshop-{Workshop.Id}-registrants.csv" : $"workshop-{Workshop.Id}-{Slug(Workshop.Title)}-registrants.csv");
    }

    public async Task<IActionResult> OnPostApproveAsync(long workshopId, long registrationId, CancellationToken ct)
    {
        if (await LoadAsync(workshopId, ct) is { } refusal)
        {
            return refusal;
        }
        await registrations.ApproveAsync(workshopId, registrationId, (await current.GetAsync(ct)).UserId!, ct);
        return Redirect($"/Workshops/{workshopId}/Registrants");
    }

    public async Task<IActionResult> OnPostDeclineAsync(long workshopId, long registrationId, CancellationToken ct)
    {
        if (await LoadAsync(workshopId, ct) is { } refusal)
        {
            return refusal;
        }
        await registrations.DeclineAsync(workshopId, registrationId, (await current.GetAsync(ct)).UserId!, ct);
        return Redirect($"/Workshops/{workshopId}/Registrants");
    }

    public async Task<IActionResult> OnPostInviteAsync(long workshopId, List<string> inviteUserIds, CancellationToken ct)
    {
        if (await LoadAsync(workshopId, ct) is { } refusal)
        {
            return refusal;
        }
        var chosen = inviteUserIds.Where(id => Invitable.Any(p => p.UserId == id)).Distinct(StringComparer.Ordinal).ToList();
        if (chosen.Count == 0 || chosen.Count != inviteUserIds.Distinct(StringComparer.Ordinal).Count())
        {
            ModelState.AddModelError("inviteUserIds", text["Choose members of the space who are not invited yet."]);
            return Page();
        }
        await registrations.InviteAsync(workshopId, chosen, (await current.GetAsync(ct)).UserId!, ct);
        TempData["Status"] = (string)text["The invitations are sent: the members see them on the workshop's page."];
        return Redirect($"/Workshops/{workshopId}/Registrants");
    }

    /// <summary>The export, column by column as the label allows; a formula-like cell is quoted so a spreadsheet shows it as text.</summary>
    public static string Csv(WorkshopExport export, IReadOnlyList<Row> rows)
    {
        var csv = new StringBuilder();
        if (export == WorkshopExport.CountsOnly)
        {
            csv.Append("status,count\r\n");
            foreach (var group in rows.GroupBy(r => r.Status).OrderBy(g => g.Key))
            {
                csv.Append(CultureInfo.InvariantCulture, $"{group.Key},{group.Count()}\r\n");
            }
            return csv.ToString();
        }
        var header = new List<string> { "name" };
        if (export >= WorkshopExport.NamesAndAffiliations)
        {
            header.Add("affiliation");
        }
        if (export == WorkshopExport.Full)
        {
            header.Add("email");
        }
        header.AddRange(["status", "since_utc"]);
        csv.Append(string.Join(',', header)).Append("\r\n");
        foreach (var row in rows)
        {
            var cells = new List<string?> { row.DisplayName };
            if (export >= WorkshopExport.NamesAndAffiliations)
            {
                cells.Add(row.Affiliation);
            }
            if (export == WorkshopExport.Full)
            {
                cells.Add(row.Email);
            }
            cells.Add(row.Status.ToString());
            cells.Add(row.StatusChangedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            csv.Append(string.Join(',', cells.Select(Cell))).Append("\r\n");
        }
        return csv.ToString();
    }

    private static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && "=+-@\t\r".Contains(text[0], StringComparison.Ordinal))
        {
            text = "'" + text;
        }
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 || text.StartsWith('\'') ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static string Slug(string title)
    {
        var slug = new string([.. title.ToLowerInvariant().Select(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '-')]).Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }
        return slug.Length > 40 ? slug[..40].Trim('-') : slug;
    }

    private async Task<IActionResult?> LoadAsync(long workshopId, CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        if (await loader.FindAsync(workshopId, viewer, ct) is not { } workshop)
        {
            return NotFound();
        }
        if (!AccessPolicy.CanManage(viewer, workshop.Facts))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        Workshop = workshop;
        Rows = await db.WorkshopRegistrations.AsNoTracking().Where(r => r.WorkshopId == workshopId)
            .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new { r, u })
            .OrderBy(x => x.r.Status).ThenBy(x => x.r.WaitingSince).ThenBy(x => x.r.Id)
            .Select(x => new Row(x.r.Id, x.u.DisplayName, x.u.Affiliation, x.u.Email, x.r.Status, x.r.CreatedAt, x.r.StatusChangedAt, x.r.WaitingSince))
            .ToListAsync(ct);
        var present = await db.WorkshopRegistrations.AsNoTracking()
            .Where(r => r.WorkshopId == workshopId && r.Status != WorkshopRegistrationStatus.Cancelled).Select(r => r.UserId).ToListAsync(ct);
        var organisers = workshop.Facts.Organisers.ToList();
        Invitable = await db.SpaceMembers.AsNoTracking()
            .Where(m => m.SpaceId == workshop.SpaceId && m.Status == SpaceMemberStatus.Active && !present.Contains(m.UserId) && !organisers.Contains(m.UserId))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u)
            .OrderBy(u => u.DisplayName).Select(u => new Person(u.Id, u.DisplayName)).ToListAsync(ct);
        return null;
    }
}
