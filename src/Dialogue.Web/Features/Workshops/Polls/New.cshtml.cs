using System.ComponentModel.DataAnnotations;
using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Data.Workshops.Polls;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Threads.Markdown;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Dialogue.Web.Features.Workshops.Polls;

/// <summary>
/// Propose candidate slots in the zone the organiser plans in and invite members of the space. Without a space the
/// page lists the spaces the viewer may start a poll in. Every slot is checked (a real date and time, in the future,
/// not twice, not in a daylight-saving gap) and nothing is saved while one is wrong.
/// </summary>
public class NewModel(DialogueDbContext db, CurrentViewer current, NewModel.Handler handler) : PageModel
{
    /// <summary>Blank slot rows without script; the page's script adds more.</summary>
    public const int BlankRows = 6;
    public const int MaxSlots = 40;
    public const int MaxInvitees = 200;

    public sealed record SpaceChoice(long Id, string Name, SensitivityLabel Label);

    public sealed record Candidate(string UserId, string DisplayName, string ZoneId);

    [BindProperty] public Command Data { get; set; } = new();
    public long? SpaceId { get; private set; }
    public string SpaceName { get; private set; } = "";
    public SensitivityLabel SpaceLabel { get; private set; }
    public IReadOnlyList<SpaceChoice> Spaces { get; private set; } = [];
    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];
    /// <summary>Per slot row: what the zone rules did to a time the organiser typed, to show beside it.</summary>
    public Dictionary<int, string> SlotNotes { get; } = [];

    public sealed class SlotInput
    {
        public string? Date { get; set; }
        public string? Time { get; set; }
    }

    public sealed class Command
    {
        [Required(ErrorMessage = "Enter a title.")]
        [StringLength(200, ErrorMessage = "The title can be at most 200 characters.")]
        [Display(Name = "Title")]
        public string Title { get; set; } = "";

        [StringLength(10_000, ErrorMessage = "The description can be at most 10,000 characters.")]
        [Display(Name = "Description")]
        public string? Description { get; set; }

        [Display(Name = "Label")]
        public SensitivityLabel? Label { get; set; }

        [Display(Name = "Time zone")]
        public string TimeZone { get; set; } = "";

        [Range(15, 720, ErrorMessage = "The duration must be between 15 and 720 minutes.")]
        [Display(Name = "Duration (minutes)")]
        public int DurationMinutes { get; set; } = 90;

        public List<SlotInput> Slots { get; set; } = [];

        public List<string> Invitees { get; set; } = [];
    }

    public async Task<IActionResult> OnGetAsync(long? spaceId, CancellationToken ct)
    {
        if (await LoadAsync(spaceId, ct) is { } refusal)
        {
            return refusal;
        }
        if (SpaceId is not null)
        {
            var viewer = await current.GetAsync(ct);
            Data.Label = SpaceLabel;
            Data.TimeZone = await db.Users.Where(u => u.Id == viewer.UserId).Select(u => u.TimeZoneId).SingleAsync(ct);
        }
        PadSlots();
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
            return NotFound();
        }
        var viewer = await current.GetAsync(ct);
        var result = await handler.CreateAsync(SpaceId.Value, Data, viewer, ModelState.IsValid, ct);
        foreach (var (field, message) in result.Errors)
        {
            ModelState.AddModelError(field, message);
        }
        foreach (var (row, note) in result.Notes)
        {
            SlotNotes[row] = note;
        }
        if (result.PollId is not { } pollId)
        {
            PadSlots();
            return Page();
        }
        if (result.Notes.Count > 0)
        {
            TempData["Status"] = string.Join(" ", result.Notes.Select(n => n.Note));
        }
        return Redirect($"/Workshops/Polls/{pollId}");
    }

    private void PadSlots()
    {
        var blanks = Data.Slots.Count(s => string.IsNullOrWhiteSpace(s.Date) && string.IsNullOrWhiteSpace(s.Time));
        for (var i = Math.Min(blanks, BlankRows); i < BlankRows && Data.Slots.Count < MaxSlots; i++)
        {
            Data.Slots.Add(new SlotInput());
        }
    }

    private async Task<IActionResult?> LoadAsync(long? spaceId, CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        var organiser = User.IsInRole(Roles.Organiser);
        if (spaceId is null)
        {
            var member = viewer.MemberSpaceIds();
            Spaces = (await db.Spaces.AsNoTracking().VisibleTo(viewer).Where(s => member.Contains(s.Id))
                    .OrderBy(s => s.Name).Select(s => new SpaceChoice(s.Id, s.Name, s.DefaultLabel)).ToListAsync(ct))
                .Where(s => AccessPolicy.CanStartPoll(viewer, organiser, s.Id)).ToList();
            return null;
        }
        var space = await db.Spaces.AsNoTracking().VisibleTo(viewer).Where(s => s.Id == spaceId)
            .Select(s => new { s.Id, s.Name, s.DefaultLabel }).SingleOrDefaultAsync(ct);
        if (space is null)
        {
            return NotFound();
        }
        if (!AccessPolicy.CanStartPoll(viewer, organiser, space.Id))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        (SpaceId, SpaceName, SpaceLabel) = (space.Id, space.Name, space.DefaultLabel);
        Candidates = await handler.CandidatesAsync(space.Id, viewer.UserId!, ct);
        return null;
    }

    public sealed record Result(long? PollId, IReadOnlyList<(string Field, string Message)> Errors, IReadOnlyList<(int Row, string Note)> Notes);

    public sealed class Handler(DialogueDbContext db, MarkdownRenderer markdown, TimeProvider clock, IStringLocalizer<Text> text)
    {
        public Task<List<Candidate>> CandidatesAsync(long spaceId, string organiserId, CancellationToken ct) =>
            db.SpaceMembers.AsNoTracking()
                .Where(m => m.SpaceId == spaceId && m.Status == SpaceMemberStatus.Active && m.UserId != organiserId)
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u)
                .Where(u => u.Status == AccountStatus.Active)
                .OrderBy(u => u.DisplayName)
                .Select(u => new Candidate(u.Id, u.DisplayName, u.TimeZoneId))
                .ToListAsync(ct);

        /// <summary>
        /// Checks every field and slot, then saves the poll, its slots and invitees in one save, and tells the invitees.
        /// A time in a daylight-saving gap is moved forward in the form and refused once, so the organiser sees the
        /// time that will be used; a time that occurs twice is saved as the earlier instant, with a note.
        /// </summary>
        public async Task<Result> CreateAsync(long spaceId, Command data, Viewer viewer, bool shapeValid, CancellationToken ct)
        {
            var errors = new List<(string, string)>();
            var notes = new List<(int, string)>();
            var space = await db.Spaces.AsNoTracking().Where(s => s.Id == spaceId).Select(s => new { s.DefaultLabel }).SingleAsync(ct);
            var label = data.Label ?? space.DefaultLabel;
            if (!AccessPolicy.IsAllowedLabel(label, space.DefaultLabel))
            {
                errors.Add(("Data.Label", text["A poll cannot be laxer than its space ({0}).", LabelTagHelper.Name(space.DefaultLabel)]));
            }
            var zone = PollTimes.Zone(data.TimeZone?.Trim());
            if (zone is null)
            {
                errors.Add(("Data.TimeZone", text["Choose a time zone from the list, such as Asia/Shanghai or Europe/London."]));
            }

            var now = clock.GetUtcNow();
            var slots = new List<(int Row, PollTimes.Resolved Time)>();
            for (var row = 0; row < data.Slots.Count; row++)
            {
                var input = data.Slots[row];
                if (string.IsNullOrWhiteSpace(input.Date) && string.IsNullOrWhiteSpace(input.Time))
                {
                    continue;
                }
                var date = PollTimes.ParseDate(input.Date);
                var time = PollTimes.ParseTime(input.Time);
                if (date is null)
                {
                    errors.Add(($"Data.Slots[{row}].Date", text["Slot {0}: enter a date such as 2027-03-15.", row + 1]));
                }
                if (time is null)
                {
                    errors.Add(($"Data.Slots[{row}].Time", text["Slot {0}: enter a time such as 14:30.", row + 1]));
                }
                if (date is null || time is null || zone is null)
                {
                    continue;
                }
                var resolved = PollTimes.Resolve(date.Value + time.Value, zone);
                if (resolved.How == PollTimes.Resolution.ShiftedForward)
                {
                    // The form now shows the time that would be used; sending it again accepts it.
                    input.Date = PollTimes.FormatDate(resolved.Local.Date);
                    input.Time = PollTimes.FormatTime(resolved.Local.TimeOfDay);
                    errors.Add(($"Data.Slots[{row}].Time", text["Slot {0}: {1} does not exist in {2} (the clocks go forward); it is moved to {3}. Check it and save again.",
                        row + 1, PollTimes.FormatTime(time.Value), zone.Id, PollTimes.FormatTime(resolved.Local.TimeOfDay)]));
                    continue;
                }
                if (resolved.Instant.ToDateTimeOffset() <= now)
                {
                    errors.Add(($"Data.Slots[{row}].Date", text["Slot {0} is in the past.", row + 1]));
                    continue;
                }
                if (slots.Any(s => s.Time.Local == resolved.Local))
                {
                    errors.Add(($"Data.Slots[{row}].Date", text["Slot {0} repeats an earlier slot.", row + 1]));
                    continue;
                }
                if (resolved.How == PollTimes.Resolution.Earlier)
                {
                    notes.Add((row, text["Slot {0}: {1} occurs twice in {2} (the clocks go back); the poll uses the first one, at {3}.",
                        row + 1, PollTimes.FormatTime(time.Value), zone.Id, PollTimes.OffsetAt(resolved.Instant.ToDateTimeOffset(), zone)]));
                }
                slots.Add((row, resolved));
            }
            if (slots.Count == 0 && !errors.Any(e => e.Item1.StartsWith("Data.Slots[", StringComparison.Ordinal)))
            {
                errors.Add(("Data.Slots", text["Propose at least one slot."]));
            }
            if (slots.Count > MaxSlots)
            {
                errors.Add(("Data.Slots", text["Propose at most {0} slots.", MaxSlots]));
            }

            var invitees = data.Invitees.Where(i => !string.IsNullOrEmpty(i)).Distinct(StringComparer.Ordinal).ToList();
            var candidates = (await CandidatesAsync(spaceId, viewer.UserId!, ct)).Select(c => c.UserId).ToHashSet(StringComparer.Ordinal);
            if (invitees.Count == 0)
            {
                errors.Add(("Data.Invitees", text["Invite at least one member of the space."]));
            }
            else if (invitees.Any(i => !candidates.Contains(i)))
            {
                errors.Add(("Data.Invitees", text["Invitees must be members of the space."]));
            }
            else if (invitees.Count > MaxInvitees)
            {
                errors.Add(("Data.Invitees", text["Invite at most {0} members.", MaxInvitees]));
            }
            if (errors.Count > 0 || !shapeValid)
            {
                return new Result(null, errors, notes);
            }

            var description = data.Description?.Trim() ?? "";
            var poll = new WorkshopPoll
            {
                SpaceId = spaceId,
                Label = label,
                Title = data.Title.Trim(),
                Description = description,
                DescriptionHtml = description.Length == 0 ? "" : MarkdownRenderer.Finish(markdown.Parse(description), new Dictionary<string, string>()).Html,
                OrganiserId = viewer.UserId!,
                TimeZoneId = zone!.Id,
                DurationMinutes = data.DurationMinutes,
                Status = WorkshopPollStatus.Open,
                CreatedAt = now,
                Slots = [.. slots.OrderBy(s => s.Time.Instant).Select(s => new WorkshopPollSlot
                {
                    LocalStart = PollTimes.Store(s.Time.Local),
                    StartsAt = s.Time.Instant.ToDateTimeOffset(),
                })],
                Invitees = [.. invitees.Select(i => new WorkshopPollInvitee { UserId = i, InvitedAt = now })],
            };
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.WorkshopPolls.Add(poll);
            await db.SaveChangesAsync(ct);
            // After the first save, when the poll has its id for the notifications to name.
            db.Notifications.AddRange(invitees.Select(i => new Notification
            {
                RecipientId = i,
                Kind = NotificationKind.WorkshopPollInvited,
                SpaceId = spaceId,
                ActorId = viewer.UserId,
                Message = PollNotifications.MessageFor(poll.Id),
                CreatedAt = now,
            }));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new Result(poll.Id, [], notes);
        }
    }
}
