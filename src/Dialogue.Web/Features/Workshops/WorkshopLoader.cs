using Dialogue.Data;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Workshops;
using Dialogue.Web.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Workshops;

/// <summary>The one way a workshop page finds its workshop: through the access policy's query, else nothing (the page answers 404).</summary>
public sealed class WorkshopLoader(DialogueDbContext db)
{
    public sealed record Summary(
        long Id, long SpaceId, string SpaceName, string SpaceSlug, SensitivityLabel SpaceLabel, string Title, string DescriptionSource,
        string DescriptionHtml, SensitivityLabel Label, string TimeZoneId, NodaTime.LocalDateTime LocalStart, NodaTime.LocalDateTime LocalEnd,
        DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? OnlineLink, string? Venue, int? Capacity, WorkshopRegistrationMode Mode,
        long? ThreadId, DateTimeOffset? CancelledAt, string? MinutesHtml, string? MinutesSource, WorkshopFacts Facts)
    {
        public bool IsCancelled => CancelledAt is not null;
    }

    public async Task<Summary?> FindAsync(long workshopId, Viewer viewer, CancellationToken ct)
    {
        var row = await db.Workshops.AsNoTracking().VisibleTo(viewer).Where(w => w.Id == workshopId)
            .Select(w => new
            {
                w.Id,
                w.SpaceId,
                SpaceName = w.Space!.Name,
                SpaceSlug = w.Space.Slug,
                SpaceLabel = w.Space.DefaultLabel,
                w.Title,
                w.DescriptionSource,
                w.DescriptionHtml,
                w.Label,
                w.TimeZoneId,
                w.LocalStart,
                w.LocalEnd,
                w.StartsAt,
                w.EndsAt,
                w.OnlineLink,
                w.Venue,
                w.Capacity,
                w.RegistrationMode,
                w.ThreadId,
                w.CancelledAt,
                w.MinutesHtml,
                w.MinutesSource,
                Organisers = w.Organisers.Select(o => o.UserId).ToList(),
                Invitees = w.Registrations.Where(r => r.InvitedAt != null).Select(r => r.UserId).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        var facts = new WorkshopFacts(row.SpaceId, row.Label, row.Organisers, row.Invitees, row.RegistrationMode, row.CancelledAt is not null);
        // The query and the policy are one rule written twice; a page shows nothing the in-memory form refuses.
        if (!AccessPolicy.CanRead(viewer, facts))
        {
            return null;
        }
        return new Summary(row.Id, row.SpaceId, row.SpaceName, row.SpaceSlug, row.SpaceLabel, row.Title, row.DescriptionSource, row.DescriptionHtml,
            row.Label, row.TimeZoneId, row.LocalStart, row.LocalEnd, row.StartsAt, row.EndsAt, row.OnlineLink, row.Venue, row.Capacity,
            row.RegistrationMode, row.ThreadId, row.CancelledAt, row.MinutesHtml, row.MinutesSource, facts);
    }
}
