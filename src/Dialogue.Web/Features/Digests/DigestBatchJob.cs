using Dialogue.Data.Digests;
using Dialogue.Web.Infrastructure.Email;
using Hangfire;

namespace Dialogue.Web.Features.Digests;

/// <summary>
/// Delivers one batch of recipients: the simply due ones together on one DbContext (two commits for the batch), the
/// others each in its own scope (and DbContext). Safe to run twice, late, or on two nodes at once: every recipient's
/// period is decided and claimed through the ledger.
/// </summary>
public sealed class DigestBatchJob(IServiceScopeFactory scopes, IBackgroundJobClient jobs, ILogger<DigestBatchJob> logger)
{
    [AutomaticRetry(Attempts = 3)]
    public async Task<IReadOnlyDictionary<DeliveryOutcome, int>> RunAsync(DigestRecipientKind kind, string[] ids, CancellationToken ct)
    {
        var outcomes = new Dictionary<DeliveryOutcome, int>();
        Exception? first = null;
        // One send for the whole batch, started below, instead of one per digest committed.
        using var oneSend = OutboxSignal.Defer();
        DigestDelivery.BatchResult batch;
        await using (var scope = scopes.CreateAsyncScope())
        {
            batch = await scope.ServiceProvider.GetRequiredService<DigestDelivery>().DeliverBatchAsync(kind, ids, ct);
        }
        foreach (var outcome in batch.Outcomes.Values)
        {
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }
        foreach (var id in batch.OneByOne)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var outcome = await scope.ServiceProvider.GetRequiredService<DigestDelivery>().DeliverAsync(kind, id, ct);
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Before a claim (the database unreachable, say): the rest of the batch still gets its chance,
                // then the batch fails so Hangfire retries it; recipients already done are not due any more.
                logger.LogError(ex, "Digest delivery to {Kind} {Recipient} failed before it was claimed", kind, id);
                first ??= ex;
            }
        }
        if (outcomes.GetValueOrDefault(DeliveryOutcome.Queued) > 0)
        {
            jobs.Enqueue<OutboxSender>(sender => sender.SendDueAsync(CancellationToken.None));
        }
        if (first is not null)
        {
            throw new InvalidOperationException("Some digests of the batch could not be delivered; the batch will be retried.", first);
        }
        return outcomes;
    }
}
