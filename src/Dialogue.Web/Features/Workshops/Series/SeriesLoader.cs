using Dialogue.Data;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Workshops;
using Dialogue.Web.Features.Access;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Dialogue.Web.Features.Workshops.Series;

/// <summary>The one way a series page or its calendar finds its series: through the access policy, else nothing (404).</summary>
public sealed class SeriesLoader(DialogueDbContext db)
{
    public sealed record Summary(
        long Id, long SpaceId, string SpaceName, string SpaceSlug, string Title, SensitivityLabel Label, SeriesFrequency Frequency, int? WeekOfMonth,
        string TimeZoneId, LocalDateTime FirstStart, LocalDateTime FirstEnd, int Count, int Sequence, DateTimeOffset UpdatedAt, SeriesFacts Facts)
    {
        public SeriesRule Rule => new(Frequency, WeekOfMonth, FirstStart, FirstEnd, Count);
    }

    public async Task<Summary?> FindAsync(long seriesId, Viewer viewer, CancellationToken ct)
    {
        var row = await db.WorkshopSeries.AsNoTracking().Where(s => s.Id == seriesId)
            .Select(s => new Summary(s.Id, s.SpaceId, s.Space!.Name, s.Space.Slug, s.Title, s.Label, s.Frequency, s.WeekOfMonth, s.TimeZoneId,
                s.FirstStart, s.FirstEnd, s.Count, s.Sequence, s.UpdatedAt, null!))
            .SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        var organisers = await db.WorkshopOrganisers.AsNoTracking()
            .Where(o => db.Workshops.Any(w => w.Id == o.WorkshopId && w.SeriesId == seriesId)).Select(o => o.UserId).Distinct().ToListAsync(ct);
        var invitees = await db.WorkshopRegistrations.AsNoTracking()
            .Where(r => r.InvitedAt != null && r.Workshop!.SeriesId == seriesId).Select(r => r.UserId).Distinct().ToListAsync(ct);
        var facts = new SeriesFacts(row.SpaceId, row.Label, organisers, invitees);
        return AccessPolicy.CanReadSeries(viewer, facts) ? row with { Facts = facts } : null;
    }

    /// <summary>The series an occurrence belongs to, if any.</summary>
    public Task<long?> SeriesOfAsync(long workshopId, CancellationToken ct) =>
        db.Workshops.AsNoTracking().Where(w => w.Id == workshopId).Select(w => w.SeriesId).SingleOrDefaultAsync(ct);
}
