using Dialogue.Data;
using Dialogue.Data.Workshops;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Workshops;

/// <summary>A workshop: its times in the reader's zone and the organiser's, description, agenda by the reader's days, and the reader's registration.</summary>
public class DetailsModel(
    DialogueDbContext db, CurrentViewer current, WorkshopLoader loader, Registrations registrations, ViewerTime viewerTime,
    TimeProvider clock, IStringLocalizer<Text> text) : PageModel
{
    public sealed record SessionRow(long Id, string Title, string? Speakers, IReadOnlyList<string> SpeakerNames, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Location);

    public sealed record Counts(int Registered, int Waiting, int Pending, int Invited);

    public WorkshopLoader.Summary Workshop { get; private set; } = null!;
    public Viewer Viewer { get; private set; } = Viewer.Anonymous;
    public IReadOnlyList<string> OrganiserNames { get; private set; } = [];
    public IReadOnlyList<Timetable.Day<SessionRow>> Agenda { get; private set; } = [];
    public Counts Places { get; private set; } = new(0, 0, 0, 0);
    public WorkshopRegistrationStatus? MyStatus { get; private set; }
    /// <summary>1-based position on the waiting list, when the viewer waits.</summary>
    public int? MyWaitingPosition { get; private set; }
    public bool HasEnded { get; private set; }
    public bool CanManage => AccessPolicy.CanManage(Viewer, Workshop.Facts);
    public bool CanRegister => AccessPolicy.CanRegister(Viewer, Workshop.Facts) && !HasEnded;
    public NodaTime.DateTimeZone ViewerZone => WorkshopTime.ZoneOf(viewerTime.Zone);

    public async Task<IActionResult> OnGetAsync(long workshopId, CancellationToken ct)
    {
        Viewer = await current.GetAsync(ct);
        if (await loader.FindAsync(workshopId, Viewer, ct) is not { } workshop)
        {
            return NotFound();
        }
        Workshop = workshop;
        HasEnded = workshop.EndsAt <= clock.GetUtcNow();
        OrganiserNames = await db.WorkshopOrganisers.AsNoTracking().Where(o => o.WorkshopId == workshopId)
            .Join(db.Users, o => o.UserId, u => u.Id, (o, u) => u.DisplayName).OrderBy(n => n).ToListAsync(ct);
        var sessions = await db.WorkshopSessions.AsNoTracking().Where(s => s.WorkshopId == workshopId)
            .OrderBy(s => s.StartsAt).ThenBy(s => s.SortOrder)
            .Select(s => new
            {
                s.Id,
                s.Title,
                s.Speakers,
                s.StartsAt,
                s.EndsAt,
                s.Location,
                Names = s.SpeakerMembers.Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.DisplayName).ToList(),
            })
            .ToListAsync(ct);
        Agenda = Timetable.ByLocalDay(
            sessions.Select(s => new SessionRow(s.Id, s.Title, s.Speakers, s.Names, s.StartsAt, s.EndsAt, s.Location)),
            s => s.StartsAt, s => s.EndsAt, ViewerZone);
        var counts = await db.WorkshopRegistrations.AsNoTracking().Where(r => r.WorkshopId == workshopId)
            .GroupBy(r => r.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
        int CountOf(WorkshopRegistrationStatus status) => counts.FirstOrDefault(c => c.Status == status)?.Count ?? 0;
        Places = new Counts(CountOf(WorkshopRegistrationStatus.Registered), CountOf(WorkshopRegistrationStatus.Waiting),
            CountOf(WorkshopRegistrationStatus.PendingApproval), CountOf(WorkshopRegistrationStatus.Invited));
        if (Viewer.UserId is { } userId)
        {
            var mine = await db.WorkshopRegistrations.AsNoTracking().Where(r => r.WorkshopId == workshopId && r.UserId == userId)
                .Select(r => new { r.Status, r.WaitingSince, r.Id }).SingleOrDefaultAsync(ct);
            MyStatus = mine?.Status;
            if (mine is { Status: WorkshopRegistrationStatus.Waiting })
            {
                MyWaitingPosition = 1 + await db.WorkshopRegistrations.CountAsync(r => r.WorkshopId == workshopId
                    && r.Status == WorkshopRegistrationStatus.Waiting
                    && (r.WaitingSince < mine.WaitingSince || (r.WaitingSince == mine.WaitingSince && r.Id < mine.Id)), ct);
            }
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRegisterAsync(long workshopId, CancellationToken ct)
    {
        Viewer = await current.GetAsync(ct);
        if (await loader.FindAsync(workshopId, Viewer, ct) is not { } workshop)
        {
            return NotFound();
        }
        if (!AccessPolicy.CanRegister(Viewer, workshop.Facts) || workshop.EndsAt <= clock.GetUtcNow())
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        var status = await registrations.RegisterAsync(workshopId, Viewer.UserId!, ct);
        TempData["Status"] = (string)(status switch
        {
            WorkshopRegistrationStatus.Registered => text["You are registered."],
            WorkshopRegistrationStatus.Waiting => text["The workshop is full: you are on the waiting list, and get an email if a place frees up."],
            _ => text["Your request was sent to the organisers."],
        });
        return Redirect($"/Workshops/{workshopId}");
    }

    /// <summary>One click gives up a place (or a waiting-list position, or a request); the next person waiting gets the place.</summary>
    public async Task<IActionResult> OnPostCancelRegistrationAsync(long workshopId, CancellationToken ct)
    {
        Viewer = await current.GetAsync(ct);
        if (!Viewer.IsApproved || await loader.FindAsync(workshopId, Viewer, ct) is null)
        {
            return NotFound();
        }
        await registrations.CancelAsync(workshopId, Viewer.UserId!, ct);
        TempData["Status"] = (string)text["Your registration is cancelled."];
        return Redirect($"/Workshops/{workshopId}");
    }
}
