using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Workshops;

/// <summary>
/// Schedule a workshop in a space, with its discussion thread. The form may be prefilled from the query string
/// (/Workshops/New?spaceId=&amp;title=&amp;start=&amp;end=&amp;zone=&amp;fromPoll=), as a decided availability poll links here.
/// </summary>
public class NewModel(DialogueDbContext db, CurrentViewer current, WorkshopEditor editor, Series.SeriesEditor series, ViewerTime viewerTime, IStringLocalizer<Text> text) : PageModel, IWorkshopFormPage
{
    public sealed record SpaceChoice(long Id, string Name);

    [BindProperty] public WorkshopForm Data { get; set; } = new();
    [BindProperty] public Series.SeriesForm Repeat { get; set; } = new();
    public long? SpaceId { get; private set; }
    public string SpaceName { get; private set; } = "";
    public SensitivityLabel SpaceLabel { get; private set; }
    public SensitivityLabel? FixedLabel => null;
    /// <summary>Spaces the viewer may schedule in, when none was chosen yet.</summary>
    public IReadOnlyList<SpaceChoice> Spaces { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long? spaceId, string? title, string? start, string? end, string? zone, string? fromPoll, CancellationToken ct)
    {
        if (await LoadAsync(spaceId, ct) is { } refusal)
        {
            return refusal;
        }
        Data.Title = title ?? "";
        Data.Start = WorkshopTime.ParseInput(start) is { } s ? WorkshopTime.FormatInput(s) : "";
        Data.End = WorkshopTime.ParseInput(end) is { } e ? WorkshopTime.FormatInput(e) : "";
        Data.TimeZone = WorkshopTime.Zone(zone)?.Id ?? WorkshopTime.ZoneOf(viewerTime.Zone).Id;
        Data.FromPoll = fromPoll is { Length: <= 20 } ? fromPoll : null;
        Data.Label = SpaceLabel;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? spaceId, CancellationToken ct)
    {
        if (await LoadAsync(spaceId, ct) is { } refusal)
        {
            return refusal;
        }
        if (SpaceId is null)
        {
            return Page();
        }
        var valid = ModelState.IsValid;
        var input = editor.Check(Data, SpaceLabel, null, ModelState);
        var plan = series.Check(Repeat, input, ModelState);
        if (!valid || input is null || plan is null)
        {
            return Page();
        }
        if (plan.Rule is not null)
        {
            var created = await series.CreateAsync(SpaceId.Value, input, plan, await current.GetAsync(ct), ct);
            TempData["Status"] = series.Scheduled(plan, input.Zone);
            return Redirect($"/Workshops/Series/{created.Id}");
        }
        var workshop = await editor.CreateAsync(SpaceId.Value, input, await current.GetAsync(ct), ct);
        TempData["Status"] = input.Adjusted ?? (string)text["The workshop is scheduled."];
        return Redirect($"/Workshops/{workshop.Id}");
    }

    private async Task<IActionResult?> LoadAsync(long? spaceId, CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        var organiser = User.IsInRole(Roles.Organiser);
        if (spaceId is null)
        {
            var member = viewer.MemberSpaceIds();
            Spaces = (await db.Spaces.AsNoTracking().Where(s => member.Contains(s.Id)).OrderBy(s => s.Name)
                    .Select(s => new SpaceChoice(s.Id, s.Name)).ToListAsync(ct))
                .Where(s => AccessPolicy.CanCreateWorkshop(viewer, s.Id, organiser)).ToList();
            return Spaces.Count == 0 ? StatusCode(StatusCodes.Status403Forbidden) : null;
        }
        var space = await db.Spaces.AsNoTracking().VisibleTo(viewer).Where(s => s.Id == spaceId)
            .Select(s => new { s.Id, s.Name, s.DefaultLabel }).SingleOrDefaultAsync(ct);
        if (space is null)
        {
            return NotFound();
        }
        if (!AccessPolicy.CanCreateWorkshop(viewer, space.Id, organiser))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        (SpaceId, SpaceName, SpaceLabel) = (space.Id, space.Name, space.DefaultLabel);
        return null;
    }
}
