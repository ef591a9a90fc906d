using System.Globalization;
using System.Text;
using System.Text.Json;
using Dialogue.Data;
using Dialogue.Data.Email;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
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
            Threads = [.. Distinct(threads).Select(t => new OutboxMessageThread { ThreadId = t.ThreadId, Label = t.Label })],
            Subjects = [.. Distinct(subjects).Select(s => new OutboxMessageSubject { Kind = s.Kind, SubjectId = s.Id, Label = s.Label })],
            Attachments = [.. (attachments ?? []).Select(a => new OutboxAttachment { FileName = a.FileName, ContentType = a.ContentType, Content = a.Content })],
        };
        db.OutboxMessages.Add(message);
        return message;
    }

    /// <summary>
    /// Writes what saved messages carry, as <see cref="Add"/> would have, in a few multi-row INSERTs: for a batch whose
    /// messages each carry many threads (a digest carries every thread it shows), where one tracked entity per row cost
    /// a tenth of the digests' build. Call after the messages are saved (they need their ids), in the same transaction.
    /// </summary>
    public async Task AddCarriedAsync(IEnumerable<(OutboxMessage Message, IReadOnlyList<CarriedThread> Threads, IReadOnlyList<CarriedSubject> Subjects)> saved, CancellationToken ct)
    {
        await InsertAsync<OutboxMessageThread>(
            [nameof(OutboxMessageThread.OutboxMessageId), nameof(OutboxMessageThread.ThreadId), nameof(OutboxMessageThread.Label)],
            [.. saved.SelectMany(s => Distinct(s.Threads).Select(t => new object[] { s.Message.Id, t.ThreadId, (int)t.Label }))],
            ct);
        await InsertAsync<OutboxMessageSubject>(
            [nameof(OutboxMessageSubject.OutboxMessageId), nameof(OutboxMessageSubject.Kind), nameof(OutboxMessageSubject.SubjectId), nameof(OutboxMessageSubject.Label)],
            [.. saved.SelectMany(s => Distinct(s.Subjects).Select(c => new object[] { s.Message.Id, (int)c.Kind, c.Id, (int)c.Label }))],
            ct);
    }

    private async Task InsertAsync<TRow>(string[] properties, IReadOnlyList<object[]> rows, CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(typeof(TRow))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(entity.FindProperty(p)!.GetColumnName(table)!)));
        foreach (var chunk in rows.Chunk(RowsPerInsert))
        {
            var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({columns}) VALUES ");
            var values = new List<object>(chunk.Length * properties.Length);
            foreach (var row in chunk)
            {
                text.Append(values.Count == 0 ? "(" : ", (");
                for (var i = 0; i < row.Length; i++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ", ")}{{{values.Count}}}");
                    values.Add(row[i]);
                }
                text.Append(')');
            }
            await db.Database.ExecuteSqlRawAsync(text.ToString(), values, ct);
        }
    }

    // Well under every provider's limit on a statement's parameters (SQLite's oldest default is 999).
    private const int RowsPerInsert = 200;

    private static IEnumerable<CarriedThread> Distinct(IEnumerable<CarriedThread>? threads) => (threads ?? []).DistinctBy(t => t.ThreadId);

    private static IEnumerable<CarriedSubject> Distinct(IEnumerable<CarriedSubject>? subjects) => (subjects ?? []).DistinctBy(s => (s.Kind, s.Id));

    private static string DomainOf(string address) =>
        address.LastIndexOf('@') is var at and >= 0 ? address[(at + 1)..] : "localhost";
}
