using System.Text.Json;
using Dialogue.Data;
using Dialogue.Data.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Dialogue.Web.Infrastructure.Email;

/// <summary>
/// The outbox's sending job. Each message is claimed with a conditional update before it is sent, so
/// two nodes never send the same row at once; it is stamped as sent only after the server accepted it.
/// </summary>
public sealed class OutboxSender(
    DialogueDbContext db,
    IMailTransport transport,
    Features.Access.QueuedEmailRedaction redaction,
    TimeProvider clock,
    IOptions<EmailOptions> options,
    ILogger<OutboxSender> logger)
{
    private static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(5);

    /// <returns>How many messages were accepted by the transport.</returns>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.OutboxMessages
            .Where(m => m.SentAt == null && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => m.Id)
            .Take(options.Value.BatchSize)
            .ToListAsync(ct);

        var sent = 0;
        foreach (var id in due)
        {
            if (await TryClaimAsync(id, now, ct) && await SendOneAsync(id, ct))
            {
                sent++;
            }
        }
        return sent;
    }

    private async Task<bool> TryClaimAsync(long id, DateTimeOffset now, CancellationToken ct)
    {
        var lockedUntil = now + ClaimDuration;
        return await db.OutboxMessages
            .Where(m => m.Id == id && m.SentAt == null && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, lockedUntil), ct) == 1;
    }

    private async Task<bool> SendOneAsync(long id, CancellationToken ct)
    {
        var message = await redaction.ApplyAsync(await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, ct), ct);
        try
        {
            await transport.SendAsync(ToMime(message, options.Value), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var attempts = message.Attempts + 1;
            var retryAt = clock.GetUtcNow() + RetryDelay(attempts, options.Value.MaxRetryDelay);
            logger.LogWarning(ex, "Sending outbox message {Id} failed (attempt {Attempts}); retrying at {RetryAt}", id, attempts, retryAt);
            var error = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
            await db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.NextAttemptAt, retryAt)
                .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
            return false;
        }

        // The server has accepted the message: stamp it even if the caller is cancelling, or it would be sent again.
        var sentAt = clock.GetUtcNow();
        await db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.SentAt, sentAt)
            .SetProperty(m => m.Attempts, message.Attempts + 1)
            .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
        return true;
    }

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
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        DkimSigning.SignIfConfigured(mime, options.Dkim);
        return mime;
    }
}
