using Dialogue.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dialogue.Web.Infrastructure.Data;

/// <summary>
/// Healthy when the database answers and its last write did not fail for lack of storage. A probe never writes:
/// the write state comes from <see cref="DatabaseWriteMonitor"/>, which watches the app's own writes.
/// </summary>
public sealed class DatabaseHealthCheck(DialogueDbContext db, DatabaseWriteMonitor writes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("The database is not reachable.");
        }
        return writes.Unwritable is { } failure
            ? HealthCheckResult.Unhealthy($"The database cannot be written since {failure.At:O}: {failure.Cause}.")
            : HealthCheckResult.Healthy();
    }
}
