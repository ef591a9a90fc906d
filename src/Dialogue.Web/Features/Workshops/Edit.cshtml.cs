using Dialogue.Data;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Workshops;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Workshops;

/// <summary>Organisers change a workshop, add organisers, write its minutes, or cancel it.</summary>
public class EditModel(DialogueDbContext db, CurrentViewer current, WorkshopLoader loader, WorkshopEditor editor, Series.SeriesEditor series, TimeProvider clock, IStringLocalizer<Text> text) : PageModel, IWorkshopFormPage
{
    public sealed record Person(string UserId, string DisplayName);

    [BindProperty] public WorkshopForm Data { get; set; } = new();
    [BindProperty] public string? Minutes { get; set; }
    /// <summary>For an occurrence of a series: this one only, or this and all following (<see cref="Series.SeriesEditor"/>).</summary>
    [BindProperty] public string? SeriesScope { get; set; }
    public WorkshopLoader.Summary Workshop { get; private set; } = null!;
    public SensitivityLabel SpaceLabel => Workshop.SpaceLabel;
    public SensitivityLabel? FixedLabel => Workshop.Label;
    public IReadOnlyList<Person> Organisers { get; private set; } = [];
    /// <summary>Members of the space who may become organisers (for RED, only its participants).</summary>
    public IReadOnlyList<Person> Candidates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long workshopId, CancellationToken ct)
    {
        if (await LoadAsync(workshopId, ct) is { } refusal)
        {
            return refusal;
        }
        var w = Workshop;
        Data = new WorkshopForm
        {
            Title = w.Title,
            Description = w.DescriptionSource,
            Label = w.Label,
            TimeZone = w.TimeZoneId,
            Start = WorkshopTime.FormatInput(w.LocalStart),
            End = WorkshopTime.FormatInput(w.LocalEnd),
            OnlineLink = w.OnlineLink,
            Venue = w.Venue,
            Capacity = w.Capacity,
            Mode = w.Mode,
        };
        Minutes = w.MinutesSource;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long workshopId, CancellationToken ct)
    {
        if (await LoadAsync(workshopId, ct) is { } refusal)
        {
            return refusal;
        }
        ModelState.Remove(nameof(Minutes));
        var valid = ModelState.IsValid;
        var input = editor.Check(Data, SpaceLabel, Workshop.Label, ModelState);
        if (!valid || input is null || await series.UpdateAsync(workshopId, input, SeriesScope, ModelState, ct) is not { } saved)
        {
            return Page();
        }
        TempData["Status"] = saved.Message ?? (string)text["The workshop is saved."];
        return Redirect($"/Workshops/{workshopId}");
    }

    public async Task<IActionResult> OnPostMinutesAsync(long workshopId, CancellationToken ct)
    {
        if (await LoadAsync(workshopId, ct) is { } refusal)
        {
            return refusal;
        }
        if (Minutes?.Length > 40_000)
        {
            ModelState.AddModelError(nameof(Minutes), text["The minutes can be at most 40,000 characters."]);
            return Page();
        }
        var source = string.IsNullOrWhiteSpace(Minutes) ? null : Minutes;
        await editor.SaveMinutesAsync(workshopId, source, ct);
        TempData["Status"] = (string)text["The minutes are saved."];
        return Redirect($"/Workshops/{workshopId}");
    }

    public async Task<IActionResult> OnPostCancelWorkshopAsync(long workshopId, CancellationToken ct)
    {
        if (await LoadAsync(workshopId, ct) is { } refusal)
        {
            return refusal;
        }
        var viewer = await current.GetAsync(ct);
        await editor.CancelAsync(workshopId, viewer.UserId!, ct);
        TempData["Status"] = (string)text["The workshop is cancelled."];
        return Redirect($"/Workshops/{workshopId}");
    }

    public async Task<IActionResult> OnPostAddOrganiserAsync(long workshopId, string? organiserUserId, CancellationToken ct)
    {
        if (await LoadAsync(workshopId, ct) is { } refusal)
        {
            return refusal;
        }
        if (Candidates.FirstOrDefault(c => c.UserId == organiserUserId) is not { } person)
        {
            ModelState.AddModelError("organiserUserId", text["Choose a member of the space."]);
            return Page();
        }
        var viewer = await current.GetAsync(ct);
        db.WorkshopOrganisers.Add(new WorkshopOrganiser { WorkshopId = workshopId, UserId = person.UserId, AddedById = viewer.UserId, AddedAt = clock.GetUtcNow() });
        if (Workshop.Label == SensitivityLabel.Red && Workshop.ThreadId is { } threadId
            && !await db.ThreadParticipants.AnyAsync(p => p.ThreadId == threadId && p.UserId == person.UserId, ct))
        {
            db.ThreadParticipants.Add(new Dialogue.Data.Threads.ThreadParticipant { ThreadId = threadId, UserId = person.UserId, AddedById = viewer.UserId, AddedAt = clock.GetUtcNow() });
        }
        await db.SaveChangesAsync(ct);
        TempData["Status"] = (string)text["{0} is now an organiser.", person.DisplayName];
        return Redirect($"/Workshops/{workshopId}/Edit");
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
        var organisers = workshop.Facts.Organisers.ToList();
        Organisers = await db.Users.AsNoTracking().Where(u => organisers.Contains(u.Id)).OrderBy(u => u.DisplayName)
            .Select(u => new Person(u.Id, u.DisplayName)).ToListAsync(ct);
        var invitees = workshop.Facts.Invitees.ToList();
        var red = workshop.Label == SensitivityLabel.Red;
        Candidates = await db.SpaceMembers.AsNoTracking()
            .Where(m => m.SpaceId == workshop.SpaceId && m.Status == SpaceMemberStatus.Active && !organisers.Contains(m.UserId))
            .Where(m => !red || invitees.Contains(m.UserId))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u)
            .OrderBy(u => u.DisplayName).Select(u => new Person(u.Id, u.DisplayName)).ToListAsync(ct);
        return null;
    }
}
