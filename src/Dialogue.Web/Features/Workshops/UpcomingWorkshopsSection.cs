using Dialogue.Data;
using Dialogue.Data.Email;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Calendars;
using Dialogue.Web.Features.Digests;
using Dialogue.Web.Features.Digests.ThreadSections;
using Dialogue.Web.Infrastructure;
using Dialogue.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Workshops;

/// <summary>
/// "Upcoming workshops": the workshops of the week after the digest, in the spaces the recipient chose, that the
/// recipient may read (a public subscriber: the CLEAR ones), in one query. Each item carries its label, so the email
/// rule redacts it like any other; the start is shown in the recipient's zone by the digest.
/// </summary>
public sealed class UpcomingWorkshopsSection(DialogueDbContext db, ThreadDigestReader reader, IOptions<AppOptions> app, IStringLocalizer<Text> text) : IBatchedDigestSection
{
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(7);

    /// <summary>More workshops than this ahead of a batch: every recipient is a candidate, unread.</summary>
    public const int CandidateWorkshops = 1000;

    public int Order => 450;

    public string Title => text["Upcoming workshops"];

    public async Task<IReadOnlySet<string>> CandidatesAsync(IReadOnlyList<DigestWindow> windows, CancellationToken ct)
    {
        if (windows.Count == 0)
        {
            return new HashSet<string>();
        }
        // BuildAsync's question without the access policy or the chosen spaces, over the batch's widest week ahead:
        // never fewer recipients. A week with no workshop asks no recipient at all.
        var from = windows.Min(w => w.Until);
        var to = windows.Max(w => w.Until) + Ahead;
        var starts = await db.Workshops.AsNoTracking()
            .Where(w => w.CancelledAt == null && w.StartsAt >= from && w.StartsAt < to)
            .OrderBy(w => w.StartsAt)
            .Select(w => w.StartsAt)
            .Take(CandidateWorkshops + 1)
            .ToListAsync(ct);
        return windows
            .Where(w => starts.Count > CandidateWorkshops || starts.Any(s => s >= w.Until && s < w.Until + Ahead))
            .Select(w => w.Recipient.Id)
            .ToHashSet(StringComparer.Ordinal);
    }

    public async Task<DigestSectionContent?> BuildAsync(DigestRecipient recipient, DateTimeOffset since, DateTimeOffset until, CancellationToken ct)
    {
        var viewer = await reader.ViewerForAsync(recipient, ct);
        var horizon = until + Ahead;
        var query = db.Workshops.AsNoTracking().VisibleTo(viewer)
            .Where(w => w.CancelledAt == null && w.StartsAt >= until && w.StartsAt < horizon);
        if (!recipient.AllSpaces)
        {
            var spaces = recipient.SpaceIds.ToArray();
            query = query.Where(w => spaces.Contains(w.SpaceId));
        }
        var workshops = await query
            .OrderBy(w => w.StartsAt).ThenBy(w => w.Id)
            .Take(ThreadDigestReader.MaxItems)
            .Select(w => new { w.Id, w.Title, w.Label, w.DescriptionHtml, w.StartsAt, w.ThreadId, Space = w.Space!.Name })
            .ToListAsync(ct);
        if (workshops.Count == 0)
        {
            return null;
        }
        return new DigestSectionContent([.. workshops.Select(w =>
        {
            var plain = WorkshopCalendar.PlainText(w.DescriptionHtml).Trim();
            return new DigestItem
            {
                ThreadId = w.ThreadId,
                // The workshop itself too: one without a discussion thread would otherwise not be re-checked at send time.
                Subject = new CarriedSubject(CarriedSubjectKind.Workshop, w.Id, w.Label),
                Label = w.Label,
                Title = w.Title,
                Excerpt = plain.Length == 0 ? null : EmailRule.Excerpt(plain),
                Link = app.Value.Link($"/Workshops/{w.Id}"),
                At = w.StartsAt,
                Detail = w.Space,
            };
        })]);
    }
}
