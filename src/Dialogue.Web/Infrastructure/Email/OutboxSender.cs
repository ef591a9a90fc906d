using System.Text.Json;
using Dialogue.Data;
using Dialogue.Data.Digests;
using Dialogue.Data.Email;
using Dialogue.Web.Infrastructure.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Dialogue.Web.Infrastructure.Email;

/// <summary>
/// The outbox's sending job. Each message is claimed with a conditional update, its lease computed from the clock at
/// that moment, so two senders never send the same row at once; it is stamped as sent once the server accepted it.
/// A failure is written only while the claim is still this sender's, so a sender that overran its lease cannot
/// release a message that another sender is sending.
/// </summary>
public sealed class OutboxSender(
    DialogueDbContext db,
    IMailTransport transport,
    ISendTimeCheck sendTimeCheck,
    TimeProvider clock,
    IOptions<EmailOptions> options,
    IOptions<JobsOptions> jobs,
    ILogger<OutboxSender> logger)
{
    private sealed record Claim(long Id, string Node, DateTimeOffset Until);

    /// <summary>
    /// The send-time check (<see cref="ISendTimeCheck"/>) is asked for this many messages in one query, right before
    /// the first of them goes, and asked again for the next ones once <see cref="SendCheckMaxAge"/> has passed. A label
    /// change does not touch queued messages (it changes the label; this check is what redacts them), so the chunk
    /// bounds what a raise that lands just after a check can still let out: asked per message, that was the one message
    /// on the wire (one SMTP round trip); asked per chunk, it is at most the rest of the chunk, and only what goes out
    /// within 50 ms of the check (on loopback about ten round trips), or the one message on the wire when the server is
    /// slower than that. Ten messages cost one query instead of ten.
    /// </summary>
    private const int SendCheckChunk = 10;

    private static readonly TimeSpan SendCheckMaxAge = TimeSpan.FromMilliseconds(50);

    private enum Outcome
    {
        Sent,
        Retry,
        Rejected,
        ServerUnavailable,
    }

    /// <summary>
    /// Claims the due messages in batches (one conditional update each), sends a batch over one connection and stamps the
    /// accepted ones in one commit. A crash between the server's acceptance and the stamp resends those messages with
    /// their Message-IDs, as a crash after a single acceptance always did; the batch only widens that window.
    /// </summary>
    /// <returns>How many messages were accepted by the transport.</returns>
    [Queue(JobsOptions.MailQueue)]
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var started = clock.GetUtcNow();
        var runEnds = started + settings.SendRunLimit;
        var due = await db.OutboxMessages
            .Where(m => m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= started && (m.LockedUntil == null || m.LockedUntil < started))
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => m.Id)
            .Take(settings.BatchSize)
            .ToListAsync(ct);

        var sent = 0;
        var pending = new List<long>(due);
        await using var session = transport.OpenSession();
        while (pending.Count > 0)
        {
            if (clock.GetUtcNow() >= runEnds)
            {
                LogRunStopped(pending.Count);
                break;
            }
            var batch = pending.Take(settings.SendBatchSize).ToArray();
            pending.RemoveRange(0, batch.Length);
            var (accepted, unattempted, stop) = await SendBatchAsync(session, batch, runEnds, ct);
            sent += accepted;
            if (stop)
            {
                break;
            }
            // The batch's lease ran short before all of it was sent: the rest are claimed again with a fresh lease.
            pending.InsertRange(0, unattempted);
        }
        return sent;
    }

    private void LogRunStopped(int left) =>
        logger.LogInformation("Outbox run stopped after {Limit}; {Left} messages wait for the next run", options.Value.SendRunLimit, left);

    /// <returns>How many were accepted, the ids not attempted, and whether the run should stop (the server unavailable, the run's time up).</returns>
    private async Task<(int Accepted, long[] Unattempted, bool Stop)> SendBatchAsync(IMailSession session, long[] ids, DateTimeOffset runEnds, CancellationToken ct)
    {
        var claim = await TryClaimAsync(ids, ct);
        if (claim.Held.Count == 0)
        {
            return (0, [], false);
        }
        var messages = await db.OutboxMessages.AsNoTracking().Include(m => m.Attachments)
            .Where(m => claim.Held.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        var order = ids.Where(claim.Held.Contains).ToArray();
        var accepted = new List<(long Id, DateTimeOffset At)>();
        var attempted = new HashSet<long>();
        var stop = false;
        var checkedUntil = 0;
        var checkedAt = 0L;
        try
        {
            for (var i = 0; i < order.Length; i++)
            {
                var id = order[i];
                var now = clock.GetUtcNow();
                if (now >= runEnds)
                {
                    LogRunStopped(claim.Held.Count - attempted.Count);
                    stop = true;
                    break;
                }
                // Every message goes on the wire with at least half of the batch's lease left, as a single claim did.
                if (now >= claim.Until - options.Value.ClaimLease / 2)
                {
                    break;
                }
                if (i >= checkedUntil || clock.GetElapsedTime(checkedAt) > SendCheckMaxAge)
                {
                    // The send-time check for the next few messages at once, just before they go (see SendCheckChunk).
                    var chunk = order[i..Math.Min(order.Length, i + SendCheckChunk)];
                    foreach (var checkedMessage in await sendTimeCheck.ApplyAsync([.. chunk.Select(c => messages[c])], ct))
                    {
                        messages[checkedMessage.Id] = checkedMessage;
                    }
                    (checkedUntil, checkedAt) = (i + chunk.Length, clock.GetTimestamp());
                }
                attempted.Add(id);
                var one = new Claim(id, claim.Node, claim.Until);
                var (outcome, at) = await SendOneAsync(session, one, messages[id], ct);
                if (outcome == Outcome.Sent)
                {
                    accepted.Add((id, at));
                }
                else if (outcome == Outcome.ServerUnavailable)
                {
                    // A silent or unreachable server would cost every other message the same wait.
                    logger.LogInformation("Outbox run stopped: the mail server is unavailable; {Left} messages wait for the next run",
                        claim.Held.Count - attempted.Count);
                    stop = true;
                    break;
                }
            }
        }
        finally
        {
            // The server has accepted these: stamp them even if the caller is cancelling, or they would be sent again.
            await StampAsync(claim, accepted);
            await ReleaseAsync(claim, [.. claim.Held.Where(id => !attempted.Contains(id))]);
        }
        // A batch that could send nothing would only be claimed again: the run ends instead.
        return (accepted.Count, [.. ids.Where(id => claim.Held.Contains(id) && !attempted.Contains(id))], stop || attempted.Count == 0);
    }

    private sealed record BatchClaim(IReadOnlyCollection<long> Held, string Node, DateTimeOffset Until);

    private async Task<BatchClaim> TryClaimAsync(long[] ids, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var node = jobs.Value.ThisNode;
        var until = ToMilliseconds(now + options.Value.ClaimLease);
        var claimed = await db.OutboxMessages
            .Where(m => ids.Contains(m.Id) && m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LockedUntil, until)
                .SetProperty(m => m.ClaimedBy, node), ct);
        if (claimed == 0)
        {
            return new BatchClaim([], node, until);
        }
        var held = await db.OutboxMessages
            .Where(m => ids.Contains(m.Id) && m.SentAt == null && m.ClaimedBy == node && m.LockedUntil == until)
            .Select(m => m.Id).ToListAsync(ct);
        return new BatchClaim(held.ToHashSet(), node, until);
    }

    /// <summary>Claims not used (the run stopped first) end now, so the next run need not wait for their lease.</summary>
    private async Task ReleaseAsync(BatchClaim claim, long[] unused)
    {
        if (unused.Length == 0)
        {
            return;
        }
        await db.OutboxMessages
            .Where(m => unused.Contains(m.Id) && m.SentAt == null && m.ClaimedBy == claim.Node && m.LockedUntil == claim.Until)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.ClaimedBy, (string?)null), CancellationToken.None);
    }

    /// <summary>The row as long as <paramref name="claim"/> still holds it.</summary>
    private IQueryable<OutboxMessage> Held(Claim claim) =>
        db.OutboxMessages.Where(m => m.Id == claim.Id && m.ClaimedBy == claim.Node && m.LockedUntil == claim.Until);

    private async Task<(Outcome Outcome, DateTimeOffset At)> SendOneAsync(IMailSession session, Claim claim, OutboxMessage message, CancellationToken ct)
    {
        // Abandoned well before the lease ends, so no other sender can take the message while it is on the wire.
        using var budget = new CancellationTokenSource(options.Value.ClaimLease / 2, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, budget.Token);
        try
        {
            await session.SendAsync(ToMime(message, options.Value), linked.Token);
        }
        catch (MessageRejectedException ex)
        {
            await RejectAsync(claim, message, ex.Message);
            return (Outcome.Rejected, default);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            await RetryLaterAsync(claim, message, $"No answer from the mail server within {options.Value.ClaimLease / 2}");
            return (Outcome.ServerUnavailable, default);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RetryLaterAsync(claim, message, ex is MailServerUnavailableException ? ex.Message : ex.GetType().Name + ": " + ex.Message);
            return (ex is MailServerUnavailableException ? Outcome.ServerUnavailable : Outcome.Retry, default);
        }
        return (Outcome.Sent, clock.GetUtcNow());
    }

    /// <summary>
    /// The accepted messages of a batch, stamped as sent in one statement while the batch's claim holds them, all with
    /// the instant the last of them was accepted (at most one batch's send after the first).
    /// </summary>
    private async Task StampAsync(BatchClaim claim, List<(long Id, DateTimeOffset At)> accepted)
    {
        if (accepted.Count == 0)
        {
            return;
        }
        var ids = accepted.Select(a => a.Id).ToArray();
        var sentAt = ToMilliseconds(accepted.Max(a => a.At));
        var stamped = await db.OutboxMessages
            .Where(m => ids.Contains(m.Id) && m.ClaimedBy == claim.Node && m.LockedUntil == claim.Until && m.SentAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.SentAt, sentAt)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.ClaimedBy, (string?)null), CancellationToken.None);
        if (stamped == ids.Length)
        {
            return;
        }
        // Some claims ran out while the server took their messages (a stalled process): they are sent all the same. They
        // are the rows not stamped yet or stamped by another sender; a row the statement above stamped carries its instant.
        var lost = await db.OutboxMessages.Where(m => ids.Contains(m.Id) && (m.SentAt == null || m.SentAt != sentAt)).Select(m => m.Id).ToListAsync(CancellationToken.None);
        await db.OutboxMessages.Where(m => lost.Contains(m.Id) && m.SentAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.SentAt, sentAt)
            .SetProperty(m => m.Attempts, m => m.Attempts + 1)
            .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
            .SetProperty(m => m.ClaimedBy, (string?)null), CancellationToken.None);
        foreach (var id in lost)
        {
            logger.LogWarning("Outbox message {Id} was accepted after its claim had run out; another sender may have sent it too", id);
        }
    }

    private async Task RetryLaterAsync(Claim claim, OutboxMessage message, string error)
    {
        var attempts = message.Attempts + 1;
        var retryAt = clock.GetUtcNow() + RetryDelay(attempts, options.Value.MaxRetryDelay);
        error = OneLine(error);
        logger.LogWarning("Sending outbox message {Id} ({Kind}) failed, attempt {Attempts}, next at {RetryAt}: {Error}",
            claim.Id, message.Kind, attempts, retryAt, error);
        await Held(claim).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.LastError, error)
            .SetProperty(m => m.NextAttemptAt, retryAt)
            .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
            .SetProperty(m => m.ClaimedBy, (string?)null), CancellationToken.None);
    }

    /// <summary>The server refused the message for good: it is never tried again, and a digest it carried is undeliverable.</summary>
    private async Task RejectAsync(Claim claim, OutboxMessage message, string error)
    {
        var now = clock.GetUtcNow();
        var attempts = message.Attempts + 1;
        error = OneLine(error);
        logger.LogWarning("Outbox message {Id} ({Kind}) was refused by the mail server, attempt {Attempts}, not retried: {Error}",
            claim.Id, message.Kind, attempts, error);
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var failed = await Held(claim).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.FailedAt, now)
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.LastError, error)
            .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
            .SetProperty(m => m.ClaimedBy, (string?)null), CancellationToken.None);
        if (failed == 1)
        {
            await db.DigestLedger.Where(l => l.OutboxMessageId == claim.Id && l.Status == DigestLedgerStatus.Queued).ExecuteUpdateAsync(s => s
                .SetProperty(l => l.Status, DigestLedgerStatus.Undeliverable)
                .SetProperty(l => l.LastError, error)
                .SetProperty(l => l.UpdatedAt, now), CancellationToken.None);
        }
        await transaction.CommitAsync(CancellationToken.None);
    }

    /// <summary>
    /// Releases the claims this node held when it stopped (a crash, a kill): they are this node's, and no sender of
    /// this node runs yet, so they need not wait for their leases to run out.
    /// </summary>
    public async Task<int> ReleaseOwnClaimsAsync(CancellationToken ct) =>
        await db.OutboxMessages
            .Where(m => m.ClaimedBy == jobs.Value.ThisNode && m.SentAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.ClaimedBy, (string?)null), ct);

    /// <summary>One line (a server's multi-line answer joined), at most what the column holds.</summary>
    private static string OneLine(string error)
    {
        var line = string.Join(' ', error.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
        return line.Length > 2000 ? line[..2000] : line;
    }

    /// <summary>Both providers store instants at least to the millisecond, so the claim compares equal when read back.</summary>
    private static DateTimeOffset ToMilliseconds(DateTimeOffset at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerMillisecond, at.Offset);

    internal static TimeSpan RetryDelay(int attempts, TimeSpan max)
    {
        var seconds = 30 * Math.Pow(2, Math.Min(attempts - 1, 20));
        return TimeSpan.FromSeconds(Math.Min(seconds, max.TotalSeconds));
    }

    internal static MimeMessage ToMime(OutboxMessage message, EmailOptions options)
    {
        var mime = new MimeMessage
        {
            MessageId = message.MessageId,
            Subject = message.Subject,
            Date = message.CreatedAt,
        };
        mime.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        mime.To.Add(new MailboxAddress(message.ToName ?? "", message.ToAddress));
        if (message.HeadersJson is not null)
        {
            foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(message.HeadersJson)!)
            {
                mime.Headers.Add(name, value);
            }
        }
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        foreach (var attachment in message.Attachments)
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }
        mime.Body = body.ToMessageBody();
        DkimSigning.SignIfConfigured(mime, options.Dkim);
        return mime;
    }
}
