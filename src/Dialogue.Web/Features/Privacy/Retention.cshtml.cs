using Dialogue.Data;
using Dialogue.Data.Privacy;
using Dialogue.Data.Sensitivity;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Privacy;

/// <summary>
/// A space's (or a RED thread's) retention period, set by the space's moderators. The space or thread id is guarded by
/// ResourceAccessFilter (unreadable: 404); readable but not theirs to set: 403.
/// </summary>
public class RetentionModel(DialogueDbContext db, CurrentViewer current, TimeProvider clock, IOptions<RetentionOptions> options, IStringLocalizer<Text> text)
    : PageModel
{
    /// <summary>Bound as text so that a word or a fraction gets this page's own message rather than the model binder's.</summary>
    [BindProperty]
    public string? Days { get; set; }

    public string Name { get; private set; } = "";
    public bool ForThread { get; private set; }
    public long? SpaceId { get; private set; }
    public long? ThreadId { get; private set; }
    public int? Current { get; private set; }
    public int? SpaceDays { get; private set; }
    public DateTimeOffset? PurgedAt { get; private set; }
    public int MaxDays => options.Value.MaxDays;

    public async Task<IActionResult> OnGetAsync(long? spaceId, long? threadId, CancellationToken ct)
    {
        if (await LoadAsync(spaceId, threadId, ct) is { } refusal)
        {
            return refusal;
        }
        Days = Current?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? spaceId, long? threadId, CancellationToken ct)
    {
        if (await LoadAsync(spaceId, threadId, ct) is { } refusal)
        {
            return refusal;
        }
        int? days = null;
        var input = Days?.Trim();
        if (!string.IsNullOrEmpty(input))
        {
            if (!int.TryParse(input, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
                || parsed < 1 || parsed > MaxDays)
            {
                ModelState.AddModelError(nameof(Days), text["Enter a whole number of days from 1 to {0}, or leave the field empty to keep content without a limit.", MaxDays]);
                return Page();
            }
            days = parsed;
        }
        var row = await db.RetentionPeriods.SingleOrDefaultAsync(r => ForThread ? r.ThreadId == ThreadId : r.SpaceId == SpaceId, ct);
        if (days is null)
        {
            if (row is not null)
            {
                db.RetentionPeriods.Remove(row);
            }
        }
        else
        {
            if (row is null)
            {
                row = new RetentionPeriod { SpaceId = ForThread ? null : SpaceId, ThreadId = ForThread ? ThreadId : null };
                db.RetentionPeriods.Add(row);
            }
            row.Days = days.Value;
            row.SetById = (await current.GetAsync(ct)).UserId;
            row.SetAt = clock.GetUtcNow();
        }
        await db.SaveChangesAsync(ct);
        TempData["Status"] = days is null
            ? text["No retention period: content is kept until someone deletes it."].Value
            : text["Retention period saved: content is purged {0} days after the last activity.", days.Value].Value;
        return ForThread ? RedirectToPage(new { threadId = ThreadId }) : RedirectToPage(new { spaceId = SpaceId });
    }

    private async Task<IActionResult?> LoadAsync(long? spaceId, long? threadId, CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        if (threadId is { } tid)
        {
            var thread = await db.Threads.AsNoTracking().VisibleTo(viewer).Where(t => t.Id == tid)
                .Select(t => new
                {
                    t.Title,
                    t.SpaceId,
                    t.Label,
                    t.AuthorId,
                    t.Status,
                    Participants = t.Participants.Select(p => p.UserId).ToList(),
                    Days = db.RetentionPeriods.Where(r => r.ThreadId == t.Id).Select(r => (int?)r.Days).FirstOrDefault(),
                    SpaceDays = db.RetentionPeriods.Where(r => r.SpaceId == t.SpaceId).Select(r => (int?)r.Days).FirstOrDefault(),
                    PurgedAt = db.RetentionPurges.Where(p => p.ThreadId == t.Id).Select(p => (DateTimeOffset?)p.PurgedAt).FirstOrDefault(),
                })
                .SingleOrDefaultAsync(ct);
            if (thread is null)
            {
                return NotFound();
            }
            if (!AccessPolicy.CanSetRetention(viewer, new ThreadFacts(thread.SpaceId, thread.Label, thread.AuthorId, thread.Participants, thread.Status)))
            {
                return thread.Label == SensitivityLabel.Red ? StatusCode(StatusCodes.Status403Forbidden) : NotFound();
            }
            (ForThread, ThreadId, SpaceId, Name, Current, SpaceDays, PurgedAt) = (true, tid, thread.SpaceId, thread.Title, thread.Days, thread.SpaceDays, thread.PurgedAt);
            return null;
        }
        if (spaceId is not { } sid)
        {
            return NotFound();
        }
        var space = await db.Spaces.AsNoTracking().VisibleTo(viewer).Where(s => s.Id == sid)
            .Select(s => new { s.Name, s.DefaultLabel, s.JoinPolicy, Days = db.RetentionPeriods.Where(r => r.SpaceId == s.Id).Select(r => (int?)r.Days).FirstOrDefault() })
            .SingleOrDefaultAsync(ct);
        if (space is null)
        {
            return NotFound();
        }
        if (!AccessPolicy.CanSetRetention(viewer, new SpaceFacts(sid, space.DefaultLabel, space.JoinPolicy)))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        (SpaceId, Name, Current) = (sid, space.Name, space.Days);
        return null;
    }
}
