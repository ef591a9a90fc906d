using System.Globalization;
using System.Text.Json;
using Dialogue.Data;
using Dialogue.Data.Email;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MimeKit.Utils;

namespace Dialogue.Web.Infrastructure.Email;

/// <summary>
/// Writes messages into the outbox table on the caller's DbContext; they are sent by <see cref="OutboxSender"/>
/// once the caller saves, so a message exists exactly when the change that caused it does. A message about labelled
/// content names its threads (and glossaries, polls) and their labels, so a label raised before it is sent redacts it again.
/// </summary>
public sealed class Outbox(DialogueDbContext db, EmailRenderer renderer, TimeProvider clock, IOptions<EmailOptions> options)
{
    public async Task<OutboxMessage> AddAsync<TTemplate>(
        EmailRecipient to,
        string kind,
        Func<string> subject,
        IDictionary<string, object?> parameters,
        IReadOnlyDictionary<string, string>? headers = null,
        IReadOnlyCollection<CarriedThread>? threads = null,
        IReadOnlyCollection<CarriedSubject>? subjects = null,
        IReadOnlyCollection<EmailAttachment>? attachments = null)
        where TTemplate : IComponent
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = to.Culture;
        try
        {
            var rendered = await renderer.RenderAsync<TTemplate>(parameters);
            return Add(to, kind, subject(), rendered, headers, threads, subjects, attachments);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    /// <summary>Adds a message already rendered (in <paramref name="to"/>'s language), such as one of a batch that shares a rendering.</summary>
    public OutboxMessage Add(
        EmailRecipient to,
        string kind,
        string subject,
        RenderedEmail rendered,
        IReadOnlyDictionary<string, string>? headers = null,
        IReadOnlyCollection<CarriedThread>? threads = null,
        IReadOnlyCollection<CarriedSubject>? subjects = null,
        IReadOnlyCollection<EmailAttachment>? attachments = null)
    {
        var now = clock.GetUtcNow();
        var message = new OutboxMessage
        {
            MessageId = MimeUtils.GenerateMessageId(DomainOf(options.Value.FromAddress)),
            Kind = kind,
            ToAddress = to.Address,
            ToName = to.Name,
            Subject = subject,
            HtmlBody = rendered.Html,
            TextBody = rendered.Text,
            HeadersJson = headers is { Count: > 0 } ? JsonSerializer.Serialize(headers) : null,
            CreatedAt = now,
            NextAttemptAt = now,
            Culture = to.Culture.Name,
            // What the sender compares with the threads' labels at send time (QueuedEmailRedaction).
            Threads = [.. (threads ?? []).DistinctBy(t => t.ThreadId).Select(t => new OutboxMessageThread { ThreadId = t.ThreadId, Label = t.Label })],
            Subjects = [.. (subjects ?? []).DistinctBy(s => (s.Kind, s.Id)).Select(s => new OutboxMessageSubject { Kind = s.Kind, SubjectId = s.Id, Label = s.Label })],
            Attachments = [.. (attachments ?? []).Select(a => new OutboxAttachment { FileName = a.FileName, ContentType = a.ContentType, Content = a.Content })],
        };
        db.OutboxMessages.Add(message);
        return message;
    }

    private static string DomainOf(string address) =>
        address.LastIndexOf('@') is var at and >= 0 ? address[(at + 1)..] : "localhost";
}
