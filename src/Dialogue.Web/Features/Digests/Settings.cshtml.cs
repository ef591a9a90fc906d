using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Dialogue.Data;
using Dialogue.Data.Digests;
using Dialogue.Web.Infrastructure.Security;
using Dialogue.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Digests;

public class SettingsModel(SettingsModel.Handler handler, ViewerTime time, TimeProvider clock, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public Command Data { get; set; } = new();

    public IReadOnlyList<DigestSpaceChoice> Spaces { get; private set; } = [];

    public string ZoneId => time.Zone.Id;

    /// <summary>When the next digest is due, in the member's zone; null when none is coming.</summary>
    public DateTimeOffset? NextDigestAt { get; private set; }

    public bool NextDigestIsDue { get; private set; }

    public IEnumerable<SelectListItem> Weekdays =>
        Enumerable.Range(0, 7).Select(i => (DayOfWeek)((i + 1) % 7)) // Monday first
            .Select(d => new SelectListItem(CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(d), d.ToString()));

    public IEnumerable<SelectListItem> Hours =>
        Enumerable.Range(0, 24).Select(h => new SelectListItem(
            new TimeOnly(h, 0).ToString("t", CultureInfo.CurrentCulture), h.ToString(CultureInfo.InvariantCulture)));

    public async Task OnGetAsync(CancellationToken ct)
    {
        Data = await handler.LoadAsync(UserId, ct);
        Spaces = await handler.SpacesAsync(UserId, ct);
        if (await handler.NextDigestAtAsync(UserId, ct) is { } next)
        {
            NextDigestIsDue = next <= clock.GetUtcNow();
            NextDigestAt = time.ToLocal(next);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Spaces = await handler.SpacesAsync(UserId, ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await handler.SaveAsync(UserId, Data, ct);
        TempData["Status"] = text["Your digest settings are saved."].Value;
        return RedirectToPage();
    }

    private string UserId => User.UserId() ?? throw new InvalidOperationException("Signed-in page without a user id.");

    public sealed class Command
    {
        [Display(Name = "How often")]
        [EnumDataType(typeof(DigestFrequency))]
        public DigestFrequency Frequency { get; set; } = DigestFrequency.Off;

        [Display(Name = "Day of the weekly digest")]
        [EnumDataType(typeof(DayOfWeek))]
        public DayOfWeek Weekday { get; set; } = DayOfWeek.Monday;

        [Display(Name = "Hour of delivery")]
        [Range(0, 23, ErrorMessage = "Choose an hour from 0 to 23.")]
        public int LocalHour { get; set; } = 8;

        [Display(Name = "Replies and mentions in threads I follow")]
        public bool IncludeFollowedThreads { get; set; } = true;

        [Display(Name = "All spaces I can read")]
        public bool AllSpaces { get; set; } = true;

        public List<long> SpaceIds { get; set; } = [];
    }

    public sealed class Handler(DialogueDbContext db, IDigestSpaceSource spaces, DigestDelivery delivery, TimeProvider clock)
    {
        public Task<DateTimeOffset?> NextDigestAtAsync(string userId, CancellationToken ct) =>
            delivery.NextDueAtAsync(DigestRecipientKind.Member, userId, ct);

        public async Task<Command> LoadAsync(string userId, CancellationToken ct)
        {
            var s = await db.DigestSubscriptions.AsNoTracking().SingleOrDefaultAsync(x => x.UserId == userId, ct);
            return s is null
                ? new Command()
                : new Command
                {
                    Frequency = s.Frequency,
                    Weekday = s.Weekday,
                    LocalHour = s.LocalHour,
                    IncludeFollowedThreads = s.IncludeFollowedThreads,
                    AllSpaces = s.AllSpaces,
                    SpaceIds = s.SpaceIds,
                };
        }

        public Task<IReadOnlyList<DigestSpaceChoice>> SpacesAsync(string userId, CancellationToken ct) => spaces.SpacesForAsync(userId, ct);

        public async Task SaveAsync(string userId, Command command, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var zone = await db.Users.Where(u => u.Id == userId).Select(u => u.TimeZoneId).SingleAsync(ct);
            var allowed = (await spaces.SpacesForAsync(userId, ct)).Select(s => s.Id).ToHashSet();
            var s = await db.DigestSubscriptions.SingleOrDefaultAsync(x => x.UserId == userId, ct);
            if (s is null)
            {
                s = new DigestSubscription { UserId = userId, CreatedAt = now, ScheduleStartsAt = now };
                db.DigestSubscriptions.Add(s);
            }
            if (s.Frequency != command.Frequency)
            {
                // A new rhythm starts from now: no period of it is due in the past.
                s.ScheduleStartsAt = now;
                if (s.Frequency == DigestFrequency.Off)
                {
                    s.SubscribedAt = now;
                    s.UnsubscribedAt = null;
                }
            }
            s.Frequency = command.Frequency;
            s.Weekday = command.Weekday;
            s.LocalHour = command.LocalHour;
            s.IncludeFollowedThreads = command.IncludeFollowedThreads;
            s.AllSpaces = command.AllSpaces || allowed.Count == 0;
            s.SpaceIds = [.. command.SpaceIds.Where(allowed.Contains).Distinct()];
            s.UpdatedAt = now;
            // The next scan re-decides from the new choice; an hour moved earlier today may be due at once.
            s.NextDueAt = s.Frequency == DigestFrequency.Off ? null : now;
            s.ScheduledTimeZoneId = zone;
            await db.SaveChangesAsync(ct);
        }
    }
}
