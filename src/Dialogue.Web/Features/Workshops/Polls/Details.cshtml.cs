using System.Globalization;
using Dialogue.Data;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Workshops.Polls;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Workshops.Polls;

/// <summary>
/// One poll: the invitee's answers (each slot in their own zone, the organiser's beside it), the results grid, and for
/// the organiser the decision. Loaded only through <see cref="PollsVisible"/>: a poll the viewer may not see answers
/// 404. Five queries whatever its size: the viewer, the poll, its slots, its people, its answers.
/// </summary>
public class DetailsModel(DialogueDbContext db, CurrentViewer current, DetailsModel.Handler handler, IStringLocalizer<Text> text) : PageModel
{
    public sealed record Header(long Id, string Title, SensitivityLabel Label, long SpaceId, string SpaceName, string SpaceSlug, string OrganiserId,
        string TimeZoneId, int DurationMinutes, WorkshopPollStatus Status, long? DecidedSlotId, string DescriptionHtml, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt);

    public Header Poll { get; private set; } = null!;
    public Viewer Viewer { get; private set; } = Viewer.Anonymous;
    public PollFacts Facts { get; private set; } = null!;
    public IReadOnlyList<PollResults.SlotTime> Slots { get; private set; } = [];
    public IReadOnlyList<PollResults.Person> People { get; private set; } = [];
    public IReadOnlyList<PollResults.Row> Results { get; private set; } = [];
    /// <summary>The viewer's own answers by slot.</summary>
    public IReadOnlyDictionary<long, WorkshopPollChoice> Mine { get; private set; } = new Dictionary<long, WorkshopPollChoice>();
    public PollResults.Person? Me { get; private set; }
    public PollResults.Person Organiser => People.First(p => p.IsOrganiser);

    [BindProperty] public Dictionary<long, WorkshopPollChoice> Answers { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(long pollId, CancellationToken ct) =>
        await LoadAsync(pollId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAnswerAsync(long pollId, CancellationToken ct)
    {
        if (!await LoadAsync(pollId, ct))
        {
            return NotFound();
        }
        if (!AccessPolicy.CanAnswer(Viewer, Facts))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        var unknown = Answers.Keys.Where(k => Slots.All(s => s.Id != k)).ToList();
        if (unknown.Count > 0 || Answers.Values.Any(v => !Enum.IsDefined(v)))
        {
            ModelState.AddModelError("Answers", text["Answer with yes, if need be or no for the poll's own slots."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await handler.AnswerAsync(pollId, Viewer.UserId!, Answers, ct);
        TempData["Status"] = (string)text["Your answers are saved. You can change them until the organiser picks a slot."];
        return Redirect($"/Workshops/Polls/{pollId}#results");
    }

    public async Task<IActionResult> OnPostDecideAsync(long pollId, long slotId, CancellationToken ct)
    {
        if (!await LoadAsync(pollId, ct))
        {
            return NotFound();
        }
        if (!AccessPolicy.CanDecide(Viewer, Facts))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        var slot = Slots.FirstOrDefault(s => s.Id == slotId);
        if (slot is null)
        {
            ModelState.AddModelError("slotId", text["Choose one of the poll's slots."]);
            return Page();
        }
        if (!await handler.DecideAsync(pollId, slotId, Viewer, ct))
        {
            // Decided by another request in between: show what was decided.
            return Redirect($"/Workshops/Polls/{pollId}");
        }
        return Redirect(WorkshopFormLink(Poll, slot));
    }

    /// <summary>Ends the poll without a decision: answers stop, nobody is notified, the results stay readable.</summary>
    public async Task<IActionResult> OnPostCloseAsync(long pollId, CancellationToken ct)
    {
        if (!await LoadAsync(pollId, ct))
        {
            return NotFound();
        }
        if (!AccessPolicy.CanDecide(Viewer, Facts))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        await db.WorkshopPolls.Where(p => p.Id == pollId && p.Status == WorkshopPollStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, WorkshopPollStatus.Closed), ct);
        return Redirect($"/Workshops/Polls/{pollId}");
    }

    /// <summary>The workshop form, prefilled from the chosen slot, in the poll's zone.</summary>
    public static string WorkshopFormLink(Header poll, PollResults.SlotTime slot)
    {
        var start = PollTimes.ParseStored(slot.LocalStart);
        var end = PollTimes.InZone(slot.StartsAt.AddMinutes(poll.DurationMinutes), PollTimes.ZoneOrUtc(poll.TimeZoneId));
        static string Local(NodaTime.LocalDateTime t) => t.ToString("uuuu'-'MM'-'dd'T'HH':'mm", CultureInfo.InvariantCulture);
        return "/Workshops/New?spaceId=" + poll.SpaceId.ToString(CultureInfo.InvariantCulture)
            + "&title=" + Uri.EscapeDataString(poll.Title)
            + "&start=" + Local(start)
            + "&end=" + Local(end)
            + "&zone=" + Uri.EscapeDataString(poll.TimeZoneId)
            + "&fromPoll=" + poll.Id.ToString(CultureInfo.InvariantCulture);
    }

    private async Task<bool> LoadAsync(long pollId, CancellationToken ct)
    {
        Viewer = await current.GetAsync(ct);
        var poll = await db.WorkshopPolls.AsNoTracking().VisibleTo(Viewer).Where(p => p.Id == pollId)
            .Select(p => new Header(p.Id, p.Title, p.Label, p.SpaceId, p.Space!.Name, p.Space.Slug, p.OrganiserId, p.TimeZoneId, p.DurationMinutes,
                p.Status, p.DecidedSlotId, p.DescriptionHtml, p.CreatedAt, p.DecidedAt))
            .SingleOrDefaultAsync(ct);
        if (poll is null)
        {
            return false;
        }
        Poll = poll;
        Slots = await db.WorkshopPollSlots.AsNoTracking().Where(s => s.PollId == pollId).OrderBy(s => s.StartsAt)
            .Select(s => new PollResults.SlotTime(s.Id, s.LocalStart, s.StartsAt)).ToListAsync(ct);
        var people = await db.Users.AsNoTracking()
            .Where(u => u.Id == poll.OrganiserId || db.WorkshopPollInvitees.Any(i => i.PollId == pollId && i.UserId == u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.TimeZoneId })
            .ToListAsync(ct);
        People = [.. people
            .Select(u => new PollResults.Person(u.Id, u.DisplayName, u.TimeZoneId,
                u.TimeZoneId != PollTimes.DefaultZone && PollTimes.Zone(u.TimeZoneId) is not null, u.Id == poll.OrganiserId))
            .OrderByDescending(p => p.IsOrganiser).ThenBy(p => p.Name, StringComparer.CurrentCulture)];
        var answers = await db.WorkshopPollAnswers.AsNoTracking().Where(a => a.PollId == pollId)
            .Select(a => new { a.SlotId, a.UserId, a.Choice }).ToListAsync(ct);
        var invitees = People.Where(p => !p.IsOrganiser).Select(p => p.UserId).ToList();
        Facts = new PollFacts(poll.SpaceId, poll.Label, poll.OrganiserId, invitees, poll.Status);
        Results = PollResults.Build(Slots, People, [.. answers.Select(a => (a.SlotId, a.UserId, a.Choice))], poll.DurationMinutes);
        Me = People.FirstOrDefault(p => p.UserId == Viewer.UserId);
        Mine = answers.Where(a => a.UserId == Viewer.UserId).ToDictionary(a => a.SlotId, a => a.Choice);
        return true;
    }

    public sealed class Handler(DialogueDbContext db, PollNotifications notifications, TimeProvider clock)
    {
        /// <summary>Saves the invitee's answers, one row per slot, updating those already given.</summary>
        public async Task AnswerAsync(long pollId, string userId, IReadOnlyDictionary<long, WorkshopPollChoice> answers, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var existing = await db.WorkshopPollAnswers.Where(a => a.PollId == pollId && a.UserId == userId).ToDictionaryAsync(a => a.SlotId, ct);
            foreach (var (slotId, choice) in answers)
            {
                if (existing.TryGetValue(slotId, out var row))
                {
                    if (row.Choice != choice)
                    {
                        (row.Choice, row.AnsweredAt) = (choice, now);
                    }
                    continue;
                }
                db.WorkshopPollAnswers.Add(new WorkshopPollAnswer { PollId = pollId, SlotId = slotId, UserId = userId, Choice = choice, AnsweredAt = now });
            }
            await db.SaveChangesAsync(ct);
        }

        /// <summary>
        /// Records the decision and tells the invitees, in one save. Only an open poll is decided: a second organiser
        /// request racing this one changes no row and sends nothing. False when the poll was no longer open.
        /// </summary>
        public async Task<bool> DecideAsync(long pollId, long slotId, Viewer organiser, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var changed = await db.WorkshopPolls
                .Where(p => p.Id == pollId && p.OrganiserId == organiser.UserId && p.Status == WorkshopPollStatus.Open)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.Status, WorkshopPollStatus.Decided)
                    .SetProperty(p => p.DecidedSlotId, slotId)
                    .SetProperty(p => p.DecidedAt, now), ct);
            if (changed == 0)
            {
                return false;
            }
            var poll = await db.WorkshopPolls.AsNoTracking().SingleAsync(p => p.Id == pollId, ct);
            var slot = await db.WorkshopPollSlots.AsNoTracking().SingleAsync(s => s.Id == slotId && s.PollId == pollId, ct);
            var invitees = await db.WorkshopPollInvitees.Where(i => i.PollId == pollId).Select(i => i.UserId).ToListAsync(ct);
            await notifications.DecidedAsync(poll, slot, invitees, now, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }
    }
}
