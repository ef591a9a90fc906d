using Dialogue.Data;
using Dialogue.Data.Privacy;
using Dialogue.Data.Sensitivity;
using Dialogue.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Privacy;

/// <summary>The demo's retention periods: incident coordination keeps threads half a year, one track-two thread a quarter.</summary>
public sealed class RetentionDemoPart(DialogueDbContext db) : IDemoPart
{
    public async Task SeedAsync(DemoSite site, CancellationToken ct)
    {
        var admin = site.UserIds[DemoContent.AdminKey];
        db.RetentionPeriods.Add(new RetentionPeriod { SpaceId = site.SpaceIds["incident-coordination"], Days = 180, SetById = admin, SetAt = site.Now });
        var trackTwo = site.SpaceIds["track-two"];
        var redThread = await db.Threads.Where(t => t.SpaceId == trackTwo && t.Label == SensitivityLabel.Red)
            .OrderBy(t => t.Id).Select(t => (long?)t.Id).FirstOrDefaultAsync(ct);
        if (redThread is { } id)
        {
            db.RetentionPeriods.Add(new RetentionPeriod { ThreadId = id, Days = 90, SetById = admin, SetAt = site.Now });
        }
        await db.SaveChangesAsync(ct);
    }
}
