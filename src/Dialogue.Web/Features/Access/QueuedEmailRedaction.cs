using Dialogue.Data;
using Dialogue.Data.Email;
using Dialogue.Data.Sensitivity;
using Dialogue.Web.Infrastructure;
using Dialogue.Web.Infrastructure.Email;
using Dialogue.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Access;

/// <summary>
/// The email rule applied once more when a queued message is sent: a message was redacted for the labels its threads
/// (and glossaries, availability polls, workshops) had when it was written, and a label raised in between (a mention or
/// a digest queued, then the thread made RED; a proposal's review queued, then its glossary made AMBER; a reminder
/// queued, then its workshop made RED) must not leave in the old message. Such a message is replaced by a content-free
/// notice under the strictest current label, in the recipient's language; its headers (List-Unsubscribe) and
/// Message-ID stay.
/// </summary>
public sealed class QueuedEmailRedaction(DialogueDbContext db, EmailRenderer renderer, IStringLocalizer<Text> text, IOptions<AppOptions> app) : ISendTimeCheck
{
    /// <summary>
    /// One query asks which of <paramref name="messages"/> carry a subject whose label is now stricter than when the
    /// message was written; only those (rare) are redacted, one by one, as <see cref="ApplyAsync(OutboxMessage, CancellationToken)"/> does.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessage>> ApplyAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken ct)
    {
        if (messages.Count == 0)
        {
            return messages;
        }
        var ids = messages.Select(m => m.Id).ToArray();
        var raised = await db.OutboxMessages.AsNoTracking()
            .Where(m => ids.Contains(m.Id)
                && (db.OutboxMessageThreads.Any(c => c.OutboxMessageId == m.Id && db.Threads.Any(t => t.Id == c.ThreadId && t.Label > c.Label))
                    || db.OutboxMessageSubjects.Any(c => c.OutboxMessageId == m.Id
                        && (c.Kind == CarriedSubjectKind.Glossary && db.Glossaries.Any(g => g.Id == c.SubjectId && g.Label > c.Label)
                            || c.Kind == CarriedSubjectKind.WorkshopPoll && db.WorkshopPolls.Any(p => p.Id == c.SubjectId && p.Label > c.Label)
                            || c.Kind == CarriedSubjectKind.Workshop && db.Workshops.Any(w => w.Id == c.SubjectId && w.Label > c.Label)))))
            .Select(m => m.Id)
            .ToListAsync(ct);
        if (raised.Count == 0)
        {
            return messages;
        }
        var result = new List<OutboxMessage>(messages.Count);
        foreach (var message in messages)
        {
            result.Add(raised.Contains(message.Id) ? await ApplyAsync(message, ct) : message);
        }
        return result;
    }

    /// <returns>The message to send: <paramref name="message"/> itself, redacted in place (and in the table) when needed.</returns>
    public async Task<OutboxMessage> ApplyAsync(OutboxMessage message, CancellationToken ct)
    {
        var carried = await db.OutboxMessageThreads.AsNoTracking()
            .Where(c => c.OutboxMessageId == message.Id)
            .Join(db.Threads, c => c.ThreadId, t => t.Id, (c, t) => new { Recorded = c.Label, Current = (SensitivityLabel?)t.Label, Thread = true })
            .Concat(db.OutboxMessageSubjects.AsNoTracking()
                .Where(c => c.OutboxMessageId == message.Id)
                .Select(c => new
                {
                    Recorded = c.Label,
                    Current = c.Kind == CarriedSubjectKind.Glossary
                        ? db.Glossaries.Where(g => g.Id == c.SubjectId).Select(g => (SensitivityLabel?)g.Label).FirstOrDefault()
                        : c.Kind == CarriedSubjectKind.WorkshopPoll
                            ? db.WorkshopPolls.Where(p => p.Id == c.SubjectId).Select(p => (SensitivityLabel?)p.Label).FirstOrDefault()
                            : db.Workshops.Where(w => w.Id == c.SubjectId).Select(w => (SensitivityLabel?)w.Label).FirstOrDefault(),
                    Thread = false,
                }))
            .ToListAsync(ct);
        if (!carried.Any(c => c.Current > c.Recorded))
        {
            return message;
        }
        var strictest = carried.Where(c => c.Current is not null).Max(c => c.Current!.Value);
        // The thread notice names a thread; a glossary's, a poll's or a workshop's says only that there is something to sign in for.
        var notice = carried.Any(c => c.Thread && c.Current > c.Recorded) ? strictest : SensitivityLabel.Red;
        using (CultureScopeFor(message.Culture))
        {
            var rendered = await renderer.RenderAsync<RedactedEmail>(new Dictionary<string, object?>
            {
                [nameof(RedactedEmail.Label)] = notice,
                [nameof(RedactedEmail.Link)] = app.Value.Link("/Threads/Notifications"),
            });
            message.Subject = EmailRule.Subject(strictest, notice == SensitivityLabel.Red
                ? text["You have new activity on Dialogue"]
                : text["New activity in a restricted thread"]);
            message.HtmlBody = rendered.Html;
            message.TextBody = rendered.Text;
        }
        // An attachment (an .ics invitation) carries the content the notice replaces: it does not leave either.
        message.Attachments.Clear();
        await db.OutboxAttachments.Where(a => a.OutboxMessageId == message.Id).ExecuteDeleteAsync(CancellationToken.None);
        // Stored as sent, so a retry or a resend after a crash carries the notice too, and the check is not repeated.
        await db.OutboxMessages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Subject, message.Subject)
            .SetProperty(m => m.HtmlBody, message.HtmlBody)
            .SetProperty(m => m.TextBody, message.TextBody), CancellationToken.None);
        await db.OutboxMessageThreads.Where(c => c.OutboxMessageId == message.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Label, c => db.Threads.Where(t => t.Id == c.ThreadId).Select(t => t.Label).First()),
                CancellationToken.None);
        // Nothing of the subjects is left in the message: marked as strict as the notice, so the check never fires again.
        await db.OutboxMessageSubjects.Where(c => c.OutboxMessageId == message.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Label, SensitivityLabel.Red), CancellationToken.None);
        return message;
    }

    private static Digests.CultureScope CultureScopeFor(string? culture) => Digests.CultureScope.Use(SupportedCultures.For(culture));
}
