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

    private enum Outcome
    {
        Sent,
        Retry,
        Rejected,
        ServerUnavailable,
    }

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
        for (var i = 0; i < due.Count; i++)
        {
            if (clock.GetUtcNow() >= runEnds)
            {
                logger.LogInformation("Outbox run stopped after {Limit}; {Left} messages wait for the next run", settings.SendRunLimit, due.Count - i);
                break;
            }
            var claim = await TryClaimAsync(due[i], ct);
            if (claim is null)
            {
                continue;
            }
            var outcome = await SendOneAsync(claim, ct);
            if (outcome == Outcome.Sent)
            {
                sent++;
            }
            else if (outcome == Outcome.ServerUnavailable)
            {
                // A silent or unreachable server would cost every other message the same wait.
                logger.LogInformation("Outbox run stopped: the mail server is unavailable; {Left} messages wait for the next run", due.Count - i - 1);
                break;
            }
        }
        return sent;
    }

    private async Task<Claim?> TryClaimAsync(long id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var claim = new Claim(id, jobs.Value.ThisNode, ToMilliseconds(now + options.Value.ClaimLease));
        var claimed = await db.OutboxMessages
            .Where(m => m.Id == id && m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LockedUntil, claim.Until)
                .SetProperty(m => m.ClaimedBy, claim.Node), ct);
        return claimed == 1 ? claim : null;
    }

    /// <summary>The row as long as <paramref name="claim"/> still holds it.</summary>
    private IQueryable<OutboxMessage> Held(Claim claim) =>
        db.OutboxMessages.Where(m => m.Id == claim.Id && m.ClaimedBy == claim.Node && m.LockedUntil == claim.Until);

    private async Task<Outcome> SendOneAsync(Claim claim, CancellationToken ct)
    {
        var message = await sendTimeCheck.ApplyAsync(await db.OutboxMessages.AsNoTracking().Include(m => m.Attachments).SingleAsync(m => m.Id == claim.Id, ct), ct);
        // Abandoned well before the lease ends, so no other sender can take the message while it is on the wire.
        using var budget = new CancellationTokenSource(options.Value.ClaimLease / 2, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, budget.Token);
        try
        {
            await transport.SendAsync(ToMime(message, options.Value), linked.Token);
        }
        catch (MessageRejectedException ex)
        {
            await RejectAsync(claim, message, ex.Message);
            return Outcome.Rejected;
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            await RetryLaterAsync(claim, message, $"No answer from the mail server within {options.Value.ClaimLease / 2}");
            return Outcome.ServerUnavailable;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RetryLaterAsync(claim, message, ex is MailServerUnavailableException ? ex.Message : ex.GetType().Name + ": " + ex.Message);
            return ex is MailServerUnavailableException ? Outcome.ServerUnavailable : Outcome.Retry;
        }

        // The server has accepted the message: stamp it even if the caller is cancelling, or it would be sent again.
        var sentAt = clock.GetUtcNow();
        var stamped = await Held(claim).Where(m => m.SentAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.SentAt, sentAt)
            .SetProperty(m => m.Attempts, m => m.Attempts + 1)
            .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
            .SetProperty(m => m.ClaimedBy, (string?)null), CancellationToken.None);
        if (stamped == 0)
        {
            // The claim ran out while the server took the message (a stalled process): it is sent all the same.
            await db.OutboxMessages.Where(m => m.Id == claim.Id && m.SentAt == null).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.SentAt, sentAt)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.ClaimedBy, (string?)null), CancellationToken.None);
            logger.LogWarning("Outbox message {Id} was accepted after its claim had run out; another sender may have sent it too", claim.Id);
        }
        return Outcome.Sent;
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
