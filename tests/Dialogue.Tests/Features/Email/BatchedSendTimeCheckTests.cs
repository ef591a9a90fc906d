using System.Globalization;
using Dialogue.Data;
using Dialogue.Data.Email;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dialogue.Tests.Features.Email;

/// <summary>
/// The sender asks the send-time check for a few messages at once and stamps a batch in one statement: a label raised
/// while a batch is on the wire still stops the messages after the checked chunk, and a message whose claim ran out
/// while the server took it is stamped all the same, once, with a warning.
/// </summary>
public sealed class BatchedSendTimeCheckTests
{
    private static string Address(string what) => $"{what}-{Guid.NewGuid():N}@test.dialogue";

    private static Task<long> QueueAboutAsync(DialogueFactory factory, long threadId, string body) => factory.WithScopeAsync(async sp =>
    {
        var message = await sp.GetRequiredService<Outbox>().AddAsync<PlainEmail>(
            new EmailRecipient(Address("chunk"), "Test Member", CultureInfo.GetCultureInfo("en")),
            "test",
            () => "Hello from the outbox",
            new Dictionary<string, object?> { ["Body"] = body, ["Link"] = $"http://localhost/Threads/{threadId}" },
            threads: [new CarriedThread(threadId, SensitivityLabel.Green)]);
        await sp.GetRequiredService<DialogueDbContext>().SaveChangesAsync();
        return message.Id;
    });

    [Fact]
    public async Task A_thread_raised_to_red_while_a_batch_is_on_the_wire_stops_every_message_after_the_checked_chunk()
    {
        await using var server = new TestSmtpServer();
        await using var factory = new SmtpFactory(server.Port);
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green, SpaceJoinPolicy.Open);
        var author = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, ThreadsWorld.Unique("Wire"), "Opening post");
        var body = ThreadsWorld.Unique("wire-secret").Replace(' ', '-');
        for (var i = 0; i < 25; i++)
        {
            await QueueAboutAsync(factory, thread.Id, body);
        }
        var raised = 0;
        server.BeforeAccepting = async _ =>
        {
            // The moderator's raise lands while the first message of the batch is with the server.
            if (Interlocked.Exchange(ref raised, 1) == 0)
            {
                await factory.WithDbAsync(db => db.Threads.Where(t => t.Id == thread.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Label, SensitivityLabel.Red)));
            }
        };

        Assert.Equal(25, await factory.SendOutboxAsync());

        var rows = await factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => db.OutboxMessageThreads.Any(c => c.OutboxMessageId == m.Id && c.ThreadId == thread.Id)).ToListAsync());
        var bySendOrder = server.Accepted.Select(id => rows.Single(r => r.MessageId == id)).ToList();
        Assert.Equal(25, bySendOrder.Count);
        // The first chunk was checked before the raise (the test's clock stands still, so only the chunk bounds it).
        Assert.All(bySendOrder.Take(10), m => Assert.Contains(body, m.TextBody, StringComparison.Ordinal));
        Assert.All(bySendOrder.Skip(10), m =>
        {
            Assert.StartsWith("[TLP:RED]", m.Subject, StringComparison.Ordinal);
            Assert.DoesNotContain(body, m.TextBody + m.HtmlBody, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_message_whose_claim_was_taken_over_while_the_server_took_it_is_stamped_once_with_a_warning_and_the_others_together()
    {
        await using var server = new TestSmtpServer();
        await using var factory = new SmtpFactory(server.Port);
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await SmtpFactory.QueueAsync(factory, Address("stamp"), $"Message {i}"));
        }
        var third = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == ids[2]).Select(m => m.MessageId).SingleAsync());
        server.BeforeAccepting = messageId => messageId != third ? Task.CompletedTask
            // As if this process stalled past the lease and another node claimed the message meanwhile.
            : factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == ids[2]).ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, "node-2")));

        Assert.Equal(5, await factory.SendOutboxAsync());

        var rows = await factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync());
        Assert.All(rows, m =>
        {
            Assert.NotNull(m.SentAt);
            Assert.Equal(1, m.Attempts);
            Assert.Null(m.ClaimedBy);
            Assert.Null(m.LockedUntil);
            Assert.Equal(1, server.AcceptedCount(m.MessageId));
        });
        var warnings = factory.Logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.Contains("after its claim had run out", StringComparison.Ordinal)).ToList();
        Assert.Equal($"Outbox message {ids[2]} was accepted after its claim had run out; another sender may have sent it too", Assert.Single(warnings).Message);
        Assert.Equal(0, await factory.SendOutboxAsync());
    }
}
