using Dialogue.Web.Features.Digests;
using Dialogue.Web.Infrastructure.Email;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Infrastructure.Jobs;

/// <summary>
/// At start, before this node's job workers run, gives back the outbox and digest claims that carry this node's id:
/// they were taken by this node's previous run, which is gone (a crash, a kill, a power cut), so waiting for their
/// leases would only delay mail by minutes. The sending job and the digest scheduler then run at once.
/// </summary>
public sealed class ReleaseOwnClaimsAtStart(
    IServiceScopeFactory scopes,
    IBackgroundJobClient jobs,
    IOptions<JobsOptions> options,
    ILogger<ReleaseOwnClaimsAtStart> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var messages = await services.GetRequiredService<OutboxSender>().ReleaseOwnClaimsAsync(cancellationToken);
        var periods = await services.GetRequiredService<DigestDelivery>().ReleaseOwnClaimsAsync(cancellationToken);
        if (messages > 0)
        {
            logger.LogInformation("Released {Count} outbox messages that node {Node} held when it stopped", messages, options.Value.ThisNode);
            jobs.Enqueue<OutboxSender>(sender => sender.SendDueAsync(CancellationToken.None));
        }
        if (periods > 0)
        {
            jobs.Enqueue<DigestScheduler>(scheduler => scheduler.ScanAsync(CancellationToken.None));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
