using Dialogue.Data;
using Dialogue.Data.Digests;
using Dialogue.Web.Infrastructure.Email;
using Dialogue.Web.Infrastructure.Security;
using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Admin;

/// <summary>Messages the mail server refused for good, and a way to try one again (after fixing the address, say).</summary>
public class MailModel(MailModel.Handler handler, IStringLocalizer<Text> text) : PageModel
{
    public const int Shown = 200;

    public IReadOnlyList<Failed> Messages { get; private set; } = [];

    /// <summary>Unsent messages that failed at least once and wait for their next attempt.</summary>
    public int Retrying { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => (Messages, Retrying) = await handler.ListAsync(ct);

    public async Task<IActionResult> OnPostRetryAsync(long messageId, CancellationToken ct)
    {
        TempData["Status"] = await handler.RetryAsync(User.UserId()!, messageId, ct)
            ? text["The message will be tried again within a minute."].Value
            : text["That message is not waiting as refused any more."].Value;
        return RedirectToPage();
    }

    public sealed record Failed(long Id, string ToAddress, string Kind, string? Error, DateTimeOffset FailedAt, int Attempts);

    public sealed class Handler(DialogueDbContext db, AdminAudit audit, IBackgroundJobClient jobs, TimeProvider clock)
    {
        public async Task<(IReadOnlyList<Failed> Failed, int Retrying)> ListAsync(CancellationToken ct)
        {
            var failed = await db.OutboxMessages.AsNoTracking()
                .Where(m => m.FailedAt != null && m.SentAt == null)
                .OrderByDescending(m => m.FailedAt)
                .Select(m => new Failed(m.Id, m.ToAddress, m.Kind, m.LastError, m.FailedAt!.Value, m.Attempts))
                .Take(Shown)
                .ToListAsync(ct);
            var retrying = await db.OutboxMessages.CountAsync(m => m.SentAt == null && m.FailedAt == null && m.Attempts > 0, ct);
            return (failed, retrying);
        }

        /// <summary>Puts a refused message back in the queue, and its digest period back to queued; audited.</summary>
        /// <returns>False when the message is not (or no longer) refused.</returns>
        public async Task<bool> RetryAsync(string actorId, long messageId, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == messageId && m.FailedAt != null && m.SentAt == null, ct);
            if (message is null)
            {
                return false;
            }
            message.FailedAt = null;
            message.NextAttemptAt = now;
            foreach (var entry in await db.DigestLedger.Where(l => l.OutboxMessageId == messageId && l.Status == DigestLedgerStatus.Undeliverable).ToListAsync(ct))
            {
                entry.Status = DigestLedgerStatus.Queued;
                entry.UpdatedAt = now;
            }
            audit.Record(actorId, AuditActions.MailRetried, null, $"#{message.Id} {message.Kind} to {message.ToAddress}");
            await db.SaveChangesAsync(ct);
            jobs.Enqueue<OutboxSender>(sender => sender.SendDueAsync(CancellationToken.None));
            return true;
        }
    }
}
