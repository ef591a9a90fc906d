using Dialogue.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dialogue.Web.Infrastructure.Data;

public sealed class DatabaseHealthCheck(DialogueDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database is not reachable.");
}
