using System.Globalization;
using Dialogue.Data;
using Dialogue.Data.Digests;
using Dialogue.Data.Email;
using Dialogue.Web.Infrastructure;
using Dialogue.Web.Infrastructure.Email;
using Dialogue.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Digests;

public enum DeliveryOutcome
{
    /// <summary>Off, unsubscribed, unconfirmed or suspended: nothing is sent.</summary>
    Inactive,
    NotDue,
    /// <summary>Another worker holds this period.</summary>
    Busy,
    Queued,
    SkippedEmpty,
    Failed,
}

/// <summary>
/// Delivers one recipient's due digest exactly once. The ledger row is inserted (or a dead worker's row reclaimed
/// with a conditional update) before anything is built; the outbox message and the row's move to Queued are one
/// transaction, guarded by the claim id, so a worker that lost its claim writes nothing.
/// </summary>
public sealed class DigestDelivery(
    DialogueDbContext db,
    DigestRecipients recipients,
    DigestComposer composer,
    ThreadSections.ThreadDigestReader reader,
    Outbox outbox,
    EmailRenderer renderer,
    UnsubscribeTokens tokens,
    IStringLocalizer<Text> text,
    TimeProvider clock,
    IOptions<DigestOptions> options,
    IOptions<AppOptions> app,
    IOptions<EmailOptions> email,
    IOptions<JobsOptions> jobs,
    ILogger<DigestDelivery> logger)
{
    public const string OutboxKind = "digest";

    public async Task<DeliveryOutcome> DeliverAsync(DigestRecipientKind kind, string id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var scheduled = await recipients.FindActiveAsync(kind, id, ct);
        if (scheduled is null)
        {
            await SetNextDueAsync(kind, id, null, ct);
            return DeliveryOutcome.Inactive;
        }
        var (decision, last) = await DecideAsync(scheduled, now, ct);
        if (decision is DigestDecision.NotDue notDue)
        {
            await SetNextDueAsync(kind, id, scheduled, notDue.CheckAgainAt, ct);
            return DeliveryOutcome.NotDue;
        }
        var due = (DigestDecision.Due)decision;
        var claim = Guid.NewGuid();
        var entry = due.Reclaim
            ? await ReclaimAsync(kind, id, due.Period.Key, claim, now, ct)
            : await InsertAsync(kind, id, scheduled.Schedule.Frequency, due.Period.Key, claim, now,
                supersede: last is { Status: DigestLedgerStatus.Building or DigestLedgerStatus.Failed, LockedUntil: not null }, ct);
        if (entry is null)
        {
            return DeliveryOutcome.Busy;
        }

        try
        {
            return await BuildAndQueueAsync(scheduled, entry, claim, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await FailAsync(entry, claim, ex, ct);
            var (next, _) = await DecideAsync(scheduled, clock.GetUtcNow(), ct);
            await SetNextDueAsync(kind, id, scheduled, next is DigestDecision.NotDue later ? later.CheckAgainAt : clock.GetUtcNow(), ct);
            return DeliveryOutcome.Failed;
        }
    }

    /// <summary>What <see cref="DeliverBatchAsync"/> did, and the recipients it left to <see cref="DeliverAsync"/> one by one.</summary>
    public sealed record BatchResult(IReadOnlyDictionary<string, DeliveryOutcome> Outcomes, IReadOnlyList<string> OneByOne);

    private sealed record Claimed(ScheduledRecipient Scheduled, DigestLedgerEntry Entry, Guid Claim)
    {
        public DateTimeOffset Since { get; set; }

        public DateTimeOffset Until { get; set; }

        public OutboxMessage? Message { get; set; }

        /// <summary>The digest the message was built from: what it carries is written after the messages are saved.</summary>
        public DigestView? View { get; set; }

        public Exception? Failure { get; set; }
    }

    /// <summary>
    /// Delivers a batch of recipients with two commits in all instead of two per digest: the claims of every recipient
    /// whose period is simply due are inserted together, the digests are built one after the other on this DbContext,
    /// and the outbox rows, the ledger rows' move to Queued (each guarded by its own claim) and the next due times are one
    /// transaction. Whatever the ledger makes delicate (an inactive or not-due recipient, a period to reclaim or
    /// supersede, a claim that collides with another worker's) is left to <see cref="DeliverAsync"/>, one by one.
    /// A crash in between leaves claimed periods with no outbox row: released at restart or reclaimed after their lease.
    /// </summary>
    public async Task<BatchResult> DeliverBatchAsync(DigestRecipientKind kind, IReadOnlyList<string> ids, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var oneByOne = new List<string>();
        var claimed = new List<Claimed>();
        var found = await recipients.FindActiveAsync(kind, ids, ct);
        var lastMarks = await LastMarksAsync(kind, ids, ct);
        foreach (var id in ids)
        {
            if (!found.TryGetValue(id, out var scheduled))
            {
                oneByOne.Add(id);
                continue;
            }
            var last = lastMarks.GetValueOrDefault((id, scheduled.Schedule.Frequency));
            var decision = DigestSchedule.Decide(scheduled.Schedule, now, scheduled.ScheduleStartsAt, last, options.Value.MaxAttempts);
            if (decision is not DigestDecision.Due { Reclaim: false } due
                || last is { Status: DigestLedgerStatus.Building or DigestLedgerStatus.Failed, LockedUntil: not null })
            {
                oneByOne.Add(id);
                continue;
            }
            var claim = Guid.NewGuid();
            claimed.Add(new Claimed(scheduled, NewEntry(kind, id, scheduled.Schedule.Frequency, due.Period.Key, claim, now), claim));
        }
        if (claimed.Count == 0)
        {
            return new BatchResult(new Dictionary<string, DeliveryOutcome>(), oneByOne);
        }

        db.DigestLedger.AddRange(claimed.Select(c => c.Entry));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another worker claimed one of these periods first; one by one, the unique key says which.
            db.ChangeTracker.Clear();
            return new BatchResult(new Dictionary<string, DeliveryOutcome>(), [.. oneByOne, .. claimed.Select(c => c.Scheduled.Recipient.Id)]);
        }
        db.ChangeTracker.Clear();

        var lastUntils = await LastUntilsAsync(kind, ids, ct);
        await reader.PreloadViewersAsync(claimed.Select(c => c.Scheduled.Recipient), ct);
        // One end for the whole batch, so recipients who read alike share their windows and with them their sections.
        var until = clock.GetUtcNow();
        foreach (var c in claimed)
        {
            c.Until = until;
            c.Since = Since(c.Scheduled, lastUntils.GetValueOrDefault(c.Scheduled.Recipient.Id), until);
        }
        var plan = await composer.PlanAsync([.. claimed.Select(c => new DigestWindow(c.Scheduled.Recipient, c.Since, c.Until))], ct);
        foreach (var (c, reading) in claimed.Zip(plan))
        {
            ct.ThrowIfCancellationRequested();
            var recipient = c.Scheduled.Recipient;
            try
            {
                var view = await composer.ComposeAsync(recipient, c.Since, c.Until, ct, reading);
                if (!view.IsEmpty)
                {
                    var token = UnsubscribeTokenFor(recipient);
                    var links = LinksFor(recipient, c.Entry.Id, token);
                    string subject;
                    using (CultureScope.Use(recipient.Culture))
                    {
                        subject = DigestSubject.For(view, text);
                    }
                    c.Message = outbox.Add(
                        new EmailRecipient(recipient.Address, recipient.Name, recipient.Culture),
                        OutboxKind,
                        subject,
                        await RenderSharedAsync(view, c.Entry.Id, token),
                        HeadersFor(recipient, links));
                    c.View = view;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                c.Failure = ex;
            }
        }

        var outcomes = new Dictionary<string, DeliveryOutcome>();
        var built = claimed.Where(c => c.Failure is null).ToList();
        try
        {
            await CommitBatchAsync(kind, built, outcomes, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            db.ChangeTracker.Clear();
            foreach (var c in built)
            {
                c.Failure = ex;
            }
        }
        foreach (var c in claimed.Where(c => c.Failure is not null))
        {
            await FailAsync(c.Entry, c.Claim, c.Failure!, ct);
            var (next, _) = await DecideAsync(c.Scheduled, clock.GetUtcNow(), ct);
            await SetNextDueAsync(kind, c.Scheduled.Recipient.Id, c.Scheduled, next is DigestDecision.NotDue later ? later.CheckAgainAt : clock.GetUtcNow(), ct);
            outcomes[c.Scheduled.Recipient.Id] = DeliveryOutcome.Failed;
        }
        return new BatchResult(outcomes, oneByOne);
    }

    private async Task CommitBatchAsync(DigestRecipientKind kind, List<Claimed> built, Dictionary<string, DeliveryOutcome> outcomes, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The messages first, so each ledger row's guarded move to Queued names its message in the same statement.
        await db.SaveChangesAsync(ct);
        await outbox.AddCarriedAsync(built.Where(c => c.Message is not null).Select(c => (c.Message!, c.View!.Threads, c.View.Subjects)), ct);
        var held = new List<Claimed>();
        foreach (var c in built)
        {
            var status = c.Message is null ? DigestLedgerStatus.SkippedEmpty : DigestLedgerStatus.Queued;
            var messageId = c.Message?.Id;
            var moved = await Guarded(c.Entry, c.Claim).ExecuteUpdateAsync(s => s
                .SetProperty(l => l.Status, status)
                .SetProperty(l => l.OutboxMessageId, messageId)
                .SetProperty(l => l.Since, c.Since)
                .SetProperty(l => l.Until, c.Until)
                .SetProperty(l => l.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(l => l.ClaimId, (Guid?)null)
                .SetProperty(l => l.ClaimedBy, (string?)null)
                .SetProperty(l => l.LastError, (string?)null)
                .SetProperty(l => l.UpdatedAt, now), ct);
            if (moved == 1)
            {
                held.Add(c);
                outcomes[c.Scheduled.Recipient.Id] = c.Message is null ? DeliveryOutcome.SkippedEmpty : DeliveryOutcome.Queued;
                continue;
            }
            // Our claim timed out and another worker took the period over: it sends, and this message never leaves the transaction.
            outcomes[c.Scheduled.Recipient.Id] = DeliveryOutcome.Busy;
            if (messageId is { } dropped)
            {
                await db.OutboxMessageThreads.Where(t => t.OutboxMessageId == dropped).ExecuteDeleteAsync(ct);
                await db.OutboxMessageSubjects.Where(t => t.OutboxMessageId == dropped).ExecuteDeleteAsync(ct);
                await db.OutboxAttachments.Where(t => t.OutboxMessageId == dropped).ExecuteDeleteAsync(ct);
                await db.OutboxMessages.Where(m => m.Id == dropped).ExecuteDeleteAsync(ct);
            }
        }
        await SetNextDueAsync(kind, [.. held.Select(c => (c.Scheduled, NextAfter(c.Scheduled, c.Entry, now)))], ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>The next due times of a batch's recipients, one statement for each distinct time (and, for members, zone) instead of one per recipient.</summary>
    private async Task SetNextDueAsync(DigestRecipientKind kind, IReadOnlyList<(ScheduledRecipient Scheduled, DateTimeOffset NextDueAt)> next, CancellationToken ct)
    {
        if (kind == DigestRecipientKind.Member)
        {
            foreach (var group in next.GroupBy(n => (n.NextDueAt, Zone: n.Scheduled.ProfileTimeZoneId)))
            {
                var ids = group.Select(n => n.Scheduled.Recipient.Id).ToArray();
                DateTimeOffset? nextDueAt = group.Key.NextDueAt;
                var zone = group.Key.Zone;
                await db.DigestSubscriptions.Where(s => ids.Contains(s.UserId)).ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.NextDueAt, nextDueAt)
                    .SetProperty(x => x.ScheduledTimeZoneId, zone), ct);
            }
            return;
        }
        var signature = DigestRecipients.PublicSignature(options.Value.Public);
        foreach (var group in next.GroupBy(n => n.NextDueAt))
        {
            var ids = group.Select(n => long.TryParse(n.Scheduled.Recipient.Id, CultureInfo.InvariantCulture, out var id) ? id : -1).ToArray();
            DateTimeOffset? nextDueAt = group.Key;
            await db.PublicSubscribers.Where(p => ids.Contains(p.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.NextDueAt, nextDueAt)
                .SetProperty(x => x.ScheduleSignature, signature), ct);
        }
    }

    /// <summary>
    /// When the recipient's next digest is due, by the same rule the scheduler follows; null when none will be sent
    /// (off, unconfirmed, suspended). An instant not after now means it goes out at the next scan.
    /// </summary>
    public async Task<DateTimeOffset?> NextDueAtAsync(DigestRecipientKind kind, string id, CancellationToken ct)
    {
        if (await recipients.FindActiveAsync(kind, id, ct) is not { } scheduled)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var (decision, _) = await DecideAsync(scheduled, now, ct);
        return decision is DigestDecision.NotDue notDue ? notDue.CheckAgainAt : now;
    }

    private async Task<(DigestDecision Decision, LedgerMark? Last)> DecideAsync(ScheduledRecipient scheduled, DateTimeOffset now, CancellationToken ct)
    {
        var r = scheduled.Recipient;
        var frequency = scheduled.Schedule.Frequency;
        var last = await db.DigestLedger.AsNoTracking()
            .Where(l => l.RecipientKind == r.Kind && l.RecipientId == r.Id && l.Frequency == frequency)
            .OrderByDescending(l => l.PeriodKey)
            .Select(l => new LedgerMark(l.PeriodKey, l.Status, l.LockedUntil, l.Attempts))
            .FirstOrDefaultAsync(ct);
        return (DigestSchedule.Decide(scheduled.Schedule, now, scheduled.ScheduleStartsAt, last, options.Value.MaxAttempts), last);
    }

    /// <summary>When to look at the recipient again once <paramref name="done"/> is finished: its next period.</summary>
    private DateTimeOffset NextAfter(ScheduledRecipient scheduled, DigestLedgerEntry done, DateTimeOffset now) =>
        DigestSchedule.Decide(scheduled.Schedule, now, scheduled.ScheduleStartsAt,
            new LedgerMark(done.PeriodKey, DigestLedgerStatus.Queued, null, done.Attempts), options.Value.MaxAttempts) is DigestDecision.NotDue later
            ? later.CheckAgainAt
            : now;

    private async Task<DigestLedgerEntry?> InsertAsync(
        DigestRecipientKind kind, string id, DigestFrequency frequency, string periodKey, Guid claim, DateTimeOffset now, bool supersede, CancellationToken ct)
    {
        var entry = NewEntry(kind, id, frequency, periodKey, claim, now);
        db.DigestLedger.Add(entry);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.DigestLedger.AnyAsync(l => l.RecipientKind == kind && l.RecipientId == id && l.PeriodKey == periodKey, ct))
            {
                return null; // Another worker inserted this period first: the unique key did its job.
            }
            throw;
        }
        db.ChangeTracker.Clear();
        if (!supersede)
        {
            return entry;
        }

        // Older periods left by a dead worker or a failed build are not retried any more: this one covers their content.
        await db.DigestLedger
            .Where(l => l.RecipientKind == kind && l.RecipientId == id && l.Id != entry.Id
                && (l.Status == DigestLedgerStatus.Building || l.Status == DigestLedgerStatus.Failed) && l.LockedUntil != null && l.LockedUntil <= now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(l => l.Status, DigestLedgerStatus.Failed)
                .SetProperty(l => l.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(l => l.ClaimId, (Guid?)null)
                .SetProperty(l => l.ClaimedBy, (string?)null)
                .SetProperty(l => l.LastError, "Not retried: period " + periodKey + " covers its content.")
                .SetProperty(l => l.UpdatedAt, now), ct);
        return entry;
    }

    private DigestLedgerEntry NewEntry(DigestRecipientKind kind, string id, DigestFrequency frequency, string periodKey, Guid claim, DateTimeOffset now) => new()
    {
        RecipientKind = kind,
        RecipientId = id,
        PeriodKey = periodKey,
        Frequency = frequency,
        Status = DigestLedgerStatus.Building,
        ClaimId = claim,
        ClaimedBy = jobs.Value.ThisNode,
        LockedUntil = now + options.Value.BuildTimeout,
        Attempts = 1,
        CreatedAt = now,
        UpdatedAt = now,
    };

    private async Task<DigestLedgerEntry?> ReclaimAsync(DigestRecipientKind kind, string id, string periodKey, Guid claim, DateTimeOffset now, CancellationToken ct)
    {
        var lockedUntil = now + options.Value.BuildTimeout;
        var maxAttempts = options.Value.MaxAttempts;
        var node = jobs.Value.ThisNode;
        var claimed = await db.DigestLedger
            .Where(l => l.RecipientKind == kind && l.RecipientId == id && l.PeriodKey == periodKey
                && (l.Status == DigestLedgerStatus.Building || l.Status == DigestLedgerStatus.Failed)
                && l.LockedUntil != null && l.LockedUntil <= now && l.Attempts < maxAttempts)
            .ExecuteUpdateAsync(s => s
                .SetProperty(l => l.Status, DigestLedgerStatus.Building)
                .SetProperty(l => l.ClaimId, claim)
                .SetProperty(l => l.ClaimedBy, node)
                .SetProperty(l => l.LockedUntil, lockedUntil)
                .SetProperty(l => l.Attempts, l => l.Attempts + 1)
                .SetProperty(l => l.UpdatedAt, now), ct);
        if (claimed != 1)
        {
            return null;
        }
        logger.LogInformation("Reclaimed digest period {Period} of {Kind} {Recipient}", periodKey, kind, id);
        return await db.DigestLedger.AsNoTracking().SingleAsync(l => l.RecipientKind == kind && l.RecipientId == id && l.PeriodKey == periodKey, ct);
    }

    private async Task<DeliveryOutcome> BuildAndQueueAsync(ScheduledRecipient scheduled, DigestLedgerEntry entry, Guid claim, CancellationToken ct)
    {
        var recipient = scheduled.Recipient;
        var until = clock.GetUtcNow();
        var since = await SinceAsync(scheduled, until, ct);
        var view = await composer.ComposeAsync(recipient, since, until, ct);
        var now = clock.GetUtcNow();

        var nextDueAt = NextAfter(scheduled, entry, now);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (view.IsEmpty)
        {
            var skipped = await Guarded(entry, claim).ExecuteUpdateAsync(s => s
                .SetProperty(l => l.Status, DigestLedgerStatus.SkippedEmpty)
                .SetProperty(l => l.LastError, (string?)null)
                .SetProperty(l => l.Since, since)
                .SetProperty(l => l.Until, until)
                .SetProperty(l => l.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(l => l.ClaimId, (Guid?)null)
                .SetProperty(l => l.ClaimedBy, (string?)null)
                .SetProperty(l => l.UpdatedAt, now), ct);
            if (skipped != 1)
            {
                return DeliveryOutcome.Busy;
            }
            await SetNextDueAsync(recipient.Kind, recipient.Id, scheduled, nextDueAt, ct);
            await transaction.CommitAsync(ct);
            return DeliveryOutcome.SkippedEmpty;
        }

        var links = LinksFor(recipient, entry.Id);
        var message = await outbox.AddAsync<DigestEmail>(
            new EmailRecipient(recipient.Address, recipient.Name, recipient.Culture),
            OutboxKind,
            () => DigestSubject.For(view, text),
            new Dictionary<string, object?> { [nameof(DigestEmail.View)] = view, [nameof(DigestEmail.Links)] = links },
            HeadersFor(recipient, links),
            view.Threads,
            view.Subjects);
        await db.SaveChangesAsync(ct);
        var queued = await Guarded(entry, claim).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.Status, DigestLedgerStatus.Queued)
            .SetProperty(l => l.OutboxMessageId, message.Id)
            .SetProperty(l => l.Since, since)
            .SetProperty(l => l.Until, until)
            .SetProperty(l => l.LockedUntil, (DateTimeOffset?)null)
            .SetProperty(l => l.ClaimId, (Guid?)null)
            .SetProperty(l => l.ClaimedBy, (string?)null)
            .SetProperty(l => l.LastError, (string?)null)
            .SetProperty(l => l.UpdatedAt, now), ct);
        if (queued != 1)
        {
            // Our claim timed out and another worker took the period over: it sends, we write nothing.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return DeliveryOutcome.Busy;
        }
        // The next period is scheduled in the same commit: one write to the disk per digest besides the claim.
        await SetNextDueAsync(recipient.Kind, recipient.Id, scheduled, nextDueAt, ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return DeliveryOutcome.Queued;
    }

    /// <summary>The row as long as this worker still holds it.</summary>
    private IQueryable<DigestLedgerEntry> Guarded(DigestLedgerEntry entry, Guid claim) =>
        db.DigestLedger.Where(l => l.Id == entry.Id && l.ClaimId == claim && l.Status == DigestLedgerStatus.Building);

    /// <summary>Content since the end of the last digest (sent or found empty), never before the subscription, never older than a few periods.</summary>
    private async Task<DateTimeOffset> SinceAsync(ScheduledRecipient scheduled, DateTimeOffset until, CancellationToken ct)
    {
        var r = scheduled.Recipient;
        var lastUntil = await db.DigestLedger.AsNoTracking()
            .Where(l => l.RecipientKind == r.Kind && l.RecipientId == r.Id && l.Until != null
                && (l.Status == DigestLedgerStatus.Queued || l.Status == DigestLedgerStatus.Sent || l.Status == DigestLedgerStatus.SkippedEmpty))
            .MaxAsync(l => l.Until, ct);
        return Since(scheduled, lastUntil, until);
    }

    private static DateTimeOffset Since(ScheduledRecipient scheduled, DateTimeOffset? lastUntil, DateTimeOffset until)
    {
        var lookback = until - MaxLookback(scheduled.Schedule.Frequency);
        var since = lastUntil ?? scheduled.ContentFloor;
        return new[] { since, scheduled.ContentFloor, lookback }.Max();
    }

    /// <summary>The latest ledger mark of each recipient of a batch and frequency, as <see cref="DecideAsync"/> reads one.</summary>
    private async Task<Dictionary<(string Id, DigestFrequency Frequency), LedgerMark>> LastMarksAsync(DigestRecipientKind kind, IReadOnlyList<string> ids, CancellationToken ct)
    {
        var rows = await db.DigestLedger.AsNoTracking()
            .Where(l => l.RecipientKind == kind && ids.Contains(l.RecipientId)
                && l.PeriodKey == db.DigestLedger.Where(x => x.RecipientKind == kind && x.RecipientId == l.RecipientId && x.Frequency == l.Frequency).Max(x => x.PeriodKey))
            .Select(l => new { l.RecipientId, l.Frequency, Mark = new LedgerMark(l.PeriodKey, l.Status, l.LockedUntil, l.Attempts) })
            .ToListAsync(ct);
        return rows.ToDictionary(r => (r.RecipientId, r.Frequency), r => r.Mark);
    }

    /// <summary>The end of each recipient's last digest (sent or found empty), as <see cref="SinceAsync"/> reads it.</summary>
    private async Task<Dictionary<string, DateTimeOffset?>> LastUntilsAsync(DigestRecipientKind kind, IReadOnlyList<string> ids, CancellationToken ct) =>
        await db.DigestLedger.AsNoTracking()
            .Where(l => l.RecipientKind == kind && ids.Contains(l.RecipientId) && l.Until != null
                && (l.Status == DigestLedgerStatus.Queued || l.Status == DigestLedgerStatus.Sent || l.Status == DigestLedgerStatus.SkippedEmpty))
            .GroupBy(l => l.RecipientId)
            .Select(g => new { Id = g.Key, Until = g.Max(l => l.Until) })
            .ToDictionaryAsync(x => x.Id, x => x.Until, ct);

    public static TimeSpan MaxLookback(DigestFrequency frequency) =>
        frequency == DigestFrequency.Weekly ? TimeSpan.FromDays(15) : TimeSpan.FromDays(3);

    private async Task FailAsync(DigestLedgerEntry entry, Guid claim, Exception ex, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var current = await db.DigestLedger.AsNoTracking().Where(l => l.Id == entry.Id).Select(l => l.Attempts).SingleAsync(ct);
        var now = clock.GetUtcNow();
        DateTimeOffset? retryAt = current < options.Value.MaxAttempts ? now + RetryDelay(current) : null;
        var error = ex.GetType().Name + ": " + ex.Message;
        logger.LogError(ex, "Building digest {LedgerId} failed (attempt {Attempts}); retry at {RetryAt}", entry.Id, current, retryAt);
        await Guarded(entry, claim).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.Status, DigestLedgerStatus.Failed)
            .SetProperty(l => l.LockedUntil, retryAt)
            .SetProperty(l => l.ClaimId, (Guid?)null)
            .SetProperty(l => l.ClaimedBy, (string?)null)
            .SetProperty(l => l.LastError, error.Length > 2000 ? error[..2000] : error)
            .SetProperty(l => l.UpdatedAt, now), CancellationToken.None);
    }

    /// <summary>
    /// Releases the periods this node was building when it stopped (a crash, a kill): their claims end now instead of at
    /// their lease, and their recipients are due again, so the next scheduler run builds them.
    /// </summary>
    /// <returns>How many periods were released.</returns>
    public async Task<int> ReleaseOwnClaimsAsync(CancellationToken ct)
    {
        var node = jobs.Value.ThisNode;
        var now = clock.GetUtcNow();
        var held = await db.DigestLedger.AsNoTracking()
            .Where(l => l.ClaimedBy == node && l.Status == DigestLedgerStatus.Building)
            .Select(l => new { l.Id, l.RecipientKind, l.RecipientId })
            .ToListAsync(ct);
        if (held.Count == 0)
        {
            return 0;
        }
        var ids = held.Select(h => h.Id).ToList();
        await db.DigestLedger.Where(l => ids.Contains(l.Id) && l.ClaimedBy == node && l.Status == DigestLedgerStatus.Building)
            .ExecuteUpdateAsync(s => s
                .SetProperty(l => l.LockedUntil, now)
                .SetProperty(l => l.ClaimId, (Guid?)null)
                .SetProperty(l => l.ClaimedBy, (string?)null)
                .SetProperty(l => l.UpdatedAt, now), ct);
        var members = held.Where(h => h.RecipientKind == DigestRecipientKind.Member).Select(h => h.RecipientId).ToList();
        await db.DigestSubscriptions.Where(s => members.Contains(s.UserId) && s.NextDueAt != null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.NextDueAt, now), ct);
        var publicIds = held.Where(h => h.RecipientKind == DigestRecipientKind.Public)
            .Select(h => long.TryParse(h.RecipientId, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : -1).ToList();
        await db.PublicSubscribers.Where(p => publicIds.Contains(p.Id) && p.NextDueAt != null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.NextDueAt, now), ct);
        logger.LogInformation("Released {Count} digest periods this node was building when it stopped", held.Count);
        return held.Count;
    }

    internal static TimeSpan RetryDelay(int attempts) => TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Min(attempts - 1, 10))));

    public string UnsubscribeTokenFor(DigestRecipient recipient) =>
        tokens.For(new UnsubscribeTarget(recipient.Kind, recipient.Id, recipient.Address));

    public DigestLinks LinksFor(DigestRecipient recipient, long? ledgerId) => LinksFor(recipient, ledgerId, UnsubscribeTokenFor(recipient));

    private DigestLinks LinksFor(DigestRecipient recipient, long? ledgerId, string token) =>
        LinksWith(recipient, ledgerId?.ToString(CultureInfo.InvariantCulture), Uri.EscapeDataString(token)) with { UnsubscribeToken = token };

    private DigestLinks LinksWith(DigestRecipient recipient, string? ledgerPart, string tokenPart) => new()
    {
        Home = app.Value.Link("/"),
        SignIn = app.Value.Link("/Accounts/SignIn"),
        Unsubscribe = app.Value.Link("/Digests/Unsubscribe?token=" + tokenPart),
        ManagePreferences = recipient.IsPublic ? null : app.Value.Link("/Digests/Settings"),
        ViewInBrowser = recipient.IsPublic || ledgerPart is null ? null : app.Value.Link("/Digests/View/" + ledgerPart),
    };

    // Unguessable, so nothing a member writes (a title, a post) can contain them and be rewritten.
    private readonly string ledgerMarker = "ledger" + Guid.NewGuid().ToString("N");
    private readonly string tokenMarker = "token" + Guid.NewGuid().ToString("N");
    private readonly Dictionary<DigestView, RenderedEmail> renderings = new(SameRendering.Instance);

    /// <summary>
    /// The email of <paramref name="view"/> as <see cref="DigestEmail"/> renders it with the recipient's own links: rendered
    /// once per batch for every view that renders the same (<see cref="SameRendering"/>) with markers in place of the two
    /// per-recipient parts of the links (the ledger id, the unsubscribe token), which are then filled in. Both parts are
    /// made of characters that HTML and the text part leave as they are (digits; a URL-escaped token).
    /// </summary>
    private async Task<RenderedEmail> RenderSharedAsync(DigestView view, long ledgerId, string token)
    {
        if (!renderings.TryGetValue(view, out var rendering))
        {
            using (CultureScope.Use(view.Recipient.Culture))
            {
                rendering = await renderer.RenderAsync<DigestEmail>(new Dictionary<string, object?>
                {
                    [nameof(DigestEmail.View)] = view,
                    [nameof(DigestEmail.Links)] = LinksWith(view.Recipient, ledgerMarker, tokenMarker),
                });
            }
            renderings[view] = rendering;
        }
        var ledgerPart = ledgerId.ToString(CultureInfo.InvariantCulture);
        var tokenPart = Uri.EscapeDataString(token);
        string Fill(string part) => part.Replace(ledgerMarker, ledgerPart, StringComparison.Ordinal).Replace(tokenMarker, tokenPart, StringComparison.Ordinal);
        return new RenderedEmail(Fill(rendering.Html), Fill(rendering.Text));
    }

    /// <summary>RFC 2369 and RFC 8058 headers: a mailto and an https unsubscribe, the https one usable with a one-click POST.</summary>
    public IReadOnlyDictionary<string, string> HeadersFor(DigestRecipient recipient, DigestLinks links)
    {
        var domain = email.Value.FromAddress.Split('@') is [_, var d] ? d : "localhost";
        var targets = new List<string>();
        var mailbox = options.Value.UnsubscribeMailbox;
        if (mailbox != "-")
        {
            // The token goes in the subject: it is far longer than the 64 characters a mailbox's local part may have.
            var address = string.IsNullOrWhiteSpace(mailbox) ? "unsubscribe@" + domain : mailbox;
            targets.Add($"<mailto:{address}?subject={Uri.EscapeDataString("unsubscribe " + (links.UnsubscribeToken ?? UnsubscribeTokenFor(recipient)))}>");
        }
        targets.Add($"<{links.Unsubscribe}>");
        return new Dictionary<string, string>
        {
            ["List-Unsubscribe"] = string.Join(", ", targets),
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            ["List-Id"] = $"Dialogue digest <digest.{domain}>",
        };
    }

    private async Task SetNextDueAsync(DigestRecipientKind kind, string id, ScheduledRecipient? scheduled, DateTimeOffset? nextDueAt, CancellationToken ct)
    {
        if (kind == DigestRecipientKind.Member)
        {
            var zone = scheduled?.ProfileTimeZoneId;
            if (scheduled is null)
            {
                // Off or unsubscribed: out of the scan. Suspended or unconfirmed: looked at again later.
                nextDueAt = await db.DigestSubscriptions.AnyAsync(s => s.UserId == id && s.Frequency != DigestFrequency.Off, ct)
                    ? clock.GetUtcNow().AddHours(1)
                    : null;
                zone = await db.Users.Where(u => u.Id == id).Select(u => u.TimeZoneId).SingleOrDefaultAsync(ct);
            }
            await db.DigestSubscriptions.Where(s => s.UserId == id).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.NextDueAt, nextDueAt)
                .SetProperty(x => x.ScheduledTimeZoneId, zone), ct);
        }
        else if (long.TryParse(id, System.Globalization.CultureInfo.InvariantCulture, out var publicId))
        {
            var signature = DigestRecipients.PublicSignature(options.Value.Public);
            await db.PublicSubscribers.Where(p => p.Id == publicId).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.NextDueAt, scheduled is null ? null : nextDueAt)
                .SetProperty(x => x.ScheduleSignature, signature), ct);
        }
    }

    private Task SetNextDueAsync(DigestRecipientKind kind, string id, DateTimeOffset? nextDueAt, CancellationToken ct) =>
        SetNextDueAsync(kind, id, null, nextDueAt, ct);
}
