using System.ComponentModel.DataAnnotations;
using Dialogue.Data;
using Dialogue.Data.Spaces;
using Dialogue.Data.Workshops;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Workshops;

/// <summary>Organisers add, change, remove and order the agenda's sessions, planned in the workshop's zone and inside its times.</summary>
public class AgendaModel(DialogueDbContext db, CurrentViewer current, WorkshopLoader loader, IStringLocalizer<Text> text) : PageModel
{
    public sealed record Person(string UserId, string DisplayName);

    public sealed record SessionRow(long Id, string Title, string? Speakers, IReadOnlyList<string> SpeakerNames, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Location);

    public sealed class SessionForm
    {
        [Required(ErrorMessage = "Enter a title.")]
        [StringLength(200, ErrorMessage = "The title can be at most 200 characters.")]
        public string Title { get; set; } = "";

        [StringLength(500, ErrorMessage = "At most 500 characters.")]
        public string? Speakers { get; set; }

        public List<string> SpeakerUserIds { get; set; } = [];

        [Required(ErrorMessage = "Enter the start date and time.")]
        public string Start { get; set; } = "";

        [Required(ErrorMessage = "Enter the end date and time.")]
        public string End { get; set; } = "";

        [StringLength(500, ErrorMessage = "At most 500 characters.")]
        public string? Location { get; set; }
    }

    [BindProperty] public SessionForm Data { get; set; } = new();
    public WorkshopLoader.Summary Workshop { get; private set; } = null!;
    public IReadOnlyList<SessionRow> Sessions { get; private set; } = [];
    public IReadOnlyList<Person> Members { get; private set; } = [];
    /// <summary>The session being edited; null when the form adds one.</summary>
    public long? EditingId { get; private set; }

    public async Task<IActionResult> OnGetAsync(long workshopId, long? sessionId, CancellationToken ct)
    {
        if (await LoadAsync(workshopId, ct) is { } refusal)
        {
            return refusal;
        }
        if (sessionId is { } id)
        {
            var session = await db.WorkshopSessions.AsNoTracking().Where(s => s.Id == id && s.WorkshopId == workshopId)
                .Select(s => new { s.Title, s.Speakers, s.LocalStart, s.LocalEnd, s.Location, Members = s.SpeakerMembers.Select(m => m.UserId).ToList() })
                .SingleOrDefaultAsync(ct);
            if (session is null)
            {
                return NotFound();
            }
            EditingId = id;
            Data = new SessionForm
            {
                Title = session.Title,
                Speakers = session.Speakers,
                SpeakerUserIds = session.Members,
                Location = session.Location,
                Start = WorkshopTime.FormatInput(session.LocalStart),
                End = WorkshopTime.FormatInput(session.LocalEnd),
            };
        }
        else
        {
            // A new session starts where the last one ended, or with the workshop.
            var last = await db.WorkshopSessions.AsNoTracking().Where(s => s.WorkshopId == workshopId).OrderByDescending(s => s.EndsAt)
                .Select(s => (NodaTime.LocalDateTime?)s.LocalEnd).FirstOrDefaultAsync(ct);
            var start = last ?? Workshop.LocalStart;
            Data.Start = WorkshopTime.FormatInput(start);
            Data.End = WorkshopTime.FormatInput(NodaTime.LocalDateTime.Max(start, NodaTime.LocalDateTime.Min(start.PlusHours(1), Workshop.LocalEnd)));
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(long workshopId, long? sessionId, CancellationToken ct)
    {
        if (await LoadAsync(workshopId, ct) is { } refusal)
        {
            return refusal;
        }
        EditingId = sessionId;
        var zone = WorkshopTime.Zone(Workshop.TimeZoneId) ?? NodaTime.DateTimeZone.Utc;
        var start = WorkshopTime.ParseInput(Data.Start);
        var end = WorkshopTime.ParseInput(Data.End);
        if (start is null && !string.IsNullOrWhiteSpace(Data.Start))
        {
            ModelState.AddModelError("Data.Start", text["Enter the start as a date and time, such as 2026-03-10T09:00."]);
        }
        if (end is null && !string.IsNullOrWhiteSpace(Data.End))
        {
            ModelState.AddModelError("Data.End", text["Enter the end as a date and time, such as 2026-03-10T12:00."]);
        }
        var speakers = Data.SpeakerUserIds.Distinct(StringComparer.Ordinal).ToList();
        if (speakers.Any(s => Members.All(m => m.UserId != s)))
        {
            ModelState.AddModelError("Data.SpeakerUserIds", text["Speakers chosen from the list must be members of the space."]);
        }
        if (!string.IsNullOrWhiteSpace(Data.Location) && Data.Location.Contains(':', StringComparison.Ordinal) && Uri.TryCreate(Data.Location.Trim(), UriKind.Absolute, out _) && !WorkshopLinks.IsWebLink(Data.Location))
        {
            ModelState.AddModelError("Data.Location", text["A link must start with https:// or http://."]);
        }
        DateTimeOffset startsAt = default, endsAt = default;
        if (start is { } s && end is { } e)
        {
            (startsAt, endsAt) = (WorkshopTime.ToInstant(s, zone), WorkshopTime.ToInstant(e, zone));
            if (endsAt <= startsAt)
            {
                ModelState.AddModelError("Data.End", text["The end must be after the start."]);
            }
            else if (startsAt < Workshop.StartsAt || endsAt > Workshop.EndsAt)
            {
                ModelState.AddModelError("Data.Start", text["A session must lie inside the workshop: from {0} to {1} ({2}).",
                    WorkshopTime.FormatInput(Workshop.LocalStart), WorkshopTime.FormatInput(Workshop.LocalEnd), Workshop.TimeZoneId]);
            }
        }
        WorkshopSession? session = null;
        if (sessionId is { } id && (session = await db.WorkshopSessions.Include(x => x.SpeakerMembers).SingleOrDefaultAsync(x => x.Id == id && x.WorkshopId == workshopId, ct)) is null)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (session is null)
        {
            var order = await db.WorkshopSessions.Where(x => x.WorkshopId == workshopId).MaxAsync(x => (int?)x.SortOrder, ct) ?? 0;
            session = new WorkshopSession { WorkshopId = workshopId, SortOrder = order + 1 };
            db.WorkshopSessions.Add(session);
        }
        session.Title = Data.Title.Trim();
        session.Speakers = string.IsNullOrWhiteSpace(Data.Speakers) ? null : Data.Speakers.Trim();
        session.Location = string.IsNullOrWhiteSpace(Data.Location) ? null : Data.Location.Trim();
        session.LocalStart = start!.Value;
        session.LocalEnd = end!.Value;
        session.StartsAt = startsAt;
        session.EndsAt = endsAt;
        session.SpeakerMembers.RemoveAll(m => !speakers.Contains(m.UserId));
        session.SpeakerMembers.AddRange(speakers.Where(u => session.SpeakerMembers.All(m => m.UserId != u)).Select(u => new WorkshopSessionSpeaker { UserId = u }));
        await BumpSequenceAsync(workshopId, ct);
        await db.SaveChangesAsync(ct);
        TempData["Status"] = (string)text["The session is saved."];
        return Redirect($"/Workshops/{workshopId}/Agenda");
    }

    public async Task<IActionResult> OnPostDeleteAsync(long workshopId, long sessionId, CancellationToken ct)
    {
        if (await LoadAsync(workshopId, ct) is { } refusal)
        {
            return refusal;
        }
        await db.WorkshopSessions.Where(s => s.Id == sessionId && s.WorkshopId == workshopId).ExecuteDeleteAsync(ct);
        await BumpSequenceAsync(workshopId, ct);
        await db.SaveChangesAsync(ct);
        TempData["Status"] = (string)text["The session is removed."];
        return Redirect($"/Workshops/{workshopId}/Agenda");
    }

    public Task<IActionResult> OnPostUpAsync(long workshopId, long sessionId, CancellationToken ct) => MoveAsync(workshopId, sessionId, -1, ct);

    public Task<IActionResult> OnPostDownAsync(long workshopId, long sessionId, CancellationToken ct) => MoveAsync(workshopId, sessionId, +1, ct);

    /// <summary>Swaps the session with its neighbour in the agenda's order (renumbering first, so the order is always 1..n).</summary>
    private async Task<IActionResult> MoveAsync(long workshopId, long sessionId, int step, CancellationToken ct)
    {
        if (await LoadAsync(workshopId, ct) is { } refusal)
        {
            return refusal;
        }
        var sessions = await db.WorkshopSessions.Where(s => s.WorkshopId == workshopId).OrderBy(s => s.SortOrder).ThenBy(s => s.Id).ToListAsync(ct);
        var index = sessions.FindIndex(s => s.Id == sessionId);
        if (index < 0)
        {
            return NotFound();
        }
        var other = index + step;
        if (other >= 0 && other < sessions.Count)
        {
            (sessions[index], sessions[other]) = (sessions[other], sessions[index]);
        }
        for (var i = 0; i < sessions.Count; i++)
        {
            sessions[i].SortOrder = i + 1;
        }
        await BumpSequenceAsync(workshopId, ct);
        await db.SaveChangesAsync(ct);
        return Redirect($"/Workshops/{workshopId}/Agenda#session-{sessionId}");
    }

    /// <summary>An agenda change is a change of the workshop a calendar should learn of.</summary>
    private Task<int> BumpSequenceAsync(long workshopId, CancellationToken ct) =>
        db.Workshops.Where(w => w.Id == workshopId).ExecuteUpdateAsync(s => s.SetProperty(w => w.Sequence, w => w.Sequence + 1), ct);

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
        var rows = await db.WorkshopSessions.AsNoTracking().Where(s => s.WorkshopId == workshopId)
            .OrderBy(s => s.SortOrder).ThenBy(s => s.Id)
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
        Sessions = [.. rows.Select(s => new SessionRow(s.Id, s.Title, s.Speakers, s.Names, s.StartsAt, s.EndsAt, s.Location))];
        Members = await db.SpaceMembers.AsNoTracking()
            .Where(m => m.SpaceId == workshop.SpaceId && m.Status == SpaceMemberStatus.Active)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u)
            .OrderBy(u => u.DisplayName).Select(u => new Person(u.Id, u.DisplayName)).ToListAsync(ct);
        return null;
    }
}
