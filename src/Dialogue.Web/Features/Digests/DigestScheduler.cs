using Dialogue.Data;
using Dialogue.Data.Digests;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Digests;

/// <summary>A batch of recipients handed to one <see cref="DigestBatchJob"/>; ids only.</summary>
public sealed record DigestBatch(DigestRecipientKind Kind, string[] Ids);

/// <summary>
/// The recurring digest job: finds recipients whose next period may be due (an indexed scan of NextDueAt) and
/// enqueues them in batches. NextDueAt is only a hint; each delivery re-decides from the clock and the ledger.
/// </summary>
public sealed class DigestScheduler(
    DialogueDbContext db,
    IBackgroundJobClient jobs,
    TimeProvider clock,
    IOptions<DigestOptions> options)
{
    public const string RecurringJobId = "digests-schedule";

    /// <returns>The batches enqueued (returned for tests and the benchmark, which run them themselves).</returns>
    public async Task<IReadOnlyList<DigestBatch>> ScanAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await MarkSentAsync(now, ct);
        await FlagScheduleChangesAsync(now, ct);

        var settings = options.Value;
        var leaseUntil = now + settings.ScanLease;
        var batches = new List<DigestBatch>();

        var members = await db.DigestSubscriptions
            .Where(s => s.NextDueAt != null && s.NextDueAt <= now)
            .OrderBy(s => s.NextDueAt)
            .Select(s => s.UserId)
            .Take(settings.MaxRecipientsPerScan)
            .ToListAsync(ct);
        foreach (var chunk in members.Chunk(settings.BatchSize))
        {
            // The lease keeps the next scans from handing these out again while the batch waits for a worker;
            // if the batch is lost (a restart of in-memory Hangfire), they come back when it runs out.
            await db.DigestSubscriptions.Where(s => chunk.Contains(s.UserId) && s.NextDueAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.NextDueAt, leaseUntil), ct);
            batches.Add(Enqueue(new DigestBatch(DigestRecipientKind.Member, chunk)));
        }

        var publicIds = await db.PublicSubscribers
            .Where(p => p.NextDueAt != null && p.NextDueAt <= now)
            .OrderBy(p => p.NextDueAt)
            .Select(p => p.Id)
            .Take(Math.Max(0, settings.MaxRecipientsPerScan - members.Count))
            .ToListAsync(ct);
        foreach (var chunk in publicIds.Chunk(settings.BatchSize))
        {
            await db.PublicSubscribers.Where(p => chunk.Contains(p.Id) && p.NextDueAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.NextDueAt, leaseUntil), ct);
            batches.Add(Enqueue(new DigestBatch(DigestRecipientKind.Public,
                [.. chunk.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture))])));
        }
        return batches;
    }

    private DigestBatch Enqueue(DigestBatch batch)
    {
        jobs.Enqueue<DigestBatchJob>(job => job.RunAsync(batch.Kind, batch.Ids, CancellationToken.None));
        return batch;
    }

    /// <summary>Queued digests whose outbox message the mail server accepted become Sent.</summary>
    private async Task MarkSentAsync(DateTimeOffset now, CancellationToken ct) =>
        await db.DigestLedger
            .Where(l => l.Status == DigestLedgerStatus.Queued && db.OutboxMessages.Any(m => m.Id == l.OutboxMessageId && m.SentAt != null))
            .ExecuteUpdateAsync(s => s
                .SetProperty(l => l.Status, DigestLedgerStatus.Sent)
                .SetProperty(l => l.SentAt, l => db.OutboxMessages.Where(m => m.Id == l.OutboxMessageId).Select(m => m.SentAt).FirstOrDefault())
                .SetProperty(l => l.UpdatedAt, now), ct);

    /// <summary>
    /// A member's zone lives on their profile, which other features change; the public schedule lives in the options.
    /// A recipient whose NextDueAt was computed for another zone or schedule is looked at again now.
    /// </summary>
    private async Task FlagScheduleChangesAsync(DateTimeOffset now, CancellationToken ct)
    {
        await db.DigestSubscriptions
            .Where(s => s.Frequency != DigestFrequency.Off
                && db.Users.Any(u => u.Id == s.UserId && (s.ScheduledTimeZoneId == null || u.TimeZoneId != s.ScheduledTimeZoneId)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.NextDueAt, now)
                .SetProperty(x => x.ScheduledTimeZoneId, x => db.Users.Where(u => u.Id == x.UserId).Select(u => u.TimeZoneId).FirstOrDefault()), ct);

        var signature = DigestRecipients.PublicSignature(options.Value.Public);
        await db.PublicSubscribers
            .Where(p => p.ConfirmedAt != null && p.UnsubscribedAt == null && (p.ScheduleSignature == null || p.ScheduleSignature != signature))
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.NextDueAt, now)
                .SetProperty(x => x.ScheduleSignature, signature), ct);
    }
}
