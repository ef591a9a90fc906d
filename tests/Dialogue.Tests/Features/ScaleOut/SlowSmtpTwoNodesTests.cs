using System.Globalization;
using Dialogue.Data.Email;
using Dialogue.Tests.Features.Email;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.ScaleOut;

[Trait("Database", "Postgres")]
public sealed class SlowSmtpTwoNodesTests
{
    private static Node SendingThrough(TestSmtpServer server, string name)
    {
        var node = new Node(name) { RealClock = true };
        node.Settings["Email:Transport"] = "Smtp";
        node.Settings["Email:Smtp:Host"] = "127.0.0.1";
        node.Settings["Email:Smtp:Port"] = server.Port.ToString(CultureInfo.InvariantCulture);
        node.Settings["Email:Smtp:Security"] = "None";
        // A lease far shorter than a run: a claim made with the run's start time would have expired long before it was written.
        node.Settings["Email:ClaimLease"] = "00:00:02";
        node.Settings["Email:SendRunLimit"] = "00:01:00";
        return node;
    }

    [Fact]
    public async Task Two_nodes_sending_through_a_slow_server_that_hangs_up_after_each_message_deliver_each_exactly_once()
    {
        await using var server = new TestSmtpServer { ReplyDelay = TimeSpan.FromMilliseconds(20), DropAfterData = true };
        using var a = SendingThrough(server, "A");
        _ = a.Services;
        using var b = SendingThrough(server, "B");
        b.UseDatabase(a.Database);
        _ = b.Services;

        var run = Guid.NewGuid().ToString("N");
        var ids = Enumerable.Range(0, 60).Select(i => $"{run}.{i}@test.dialogue").ToList();
        var now = DateTimeOffset.UtcNow;
        await a.WithDbAsync(async db =>
        {
            db.OutboxMessages.AddRange(ids.Select(id => new OutboxMessage
            {
                MessageId = id,
                Kind = "race",
                ToAddress = $"to-{id}",
                Subject = "Race",
                HtmlBody = "<p>Race</p>",
                TextBody = "Race",
                CreatedAt = now,
                NextAttemptAt = now,
            }));
            await db.SaveChangesAsync();
        });

        var start = new TaskCompletionSource();
        async Task SendUntilDone(Node node)
        {
            await start.Task;
            for (var round = 0; round < 30; round++)
            {
                await node.SendOutboxAsync();
                if (await node.WithDbAsync(db => db.OutboxMessages.CountAsync(m => ids.Contains(m.MessageId) && m.SentAt == null)) == 0)
                {
                    return;
                }
            }
        }
        // Two senders on each node too: the recurring run and the after-commit signal can overlap on one node.
        var senders = new[] { a, b, a, b }.Select(node => Task.Run(() => SendUntilDone(node))).ToList();
        start.SetResult();
        await Task.WhenAll(senders);

        var accepted = server.Accepted.Where(id => id.StartsWith(run, StringComparison.Ordinal)).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), accepted.Order(StringComparer.Ordinal)); // each exactly once
        var stored = await b.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.MessageId)).ToListAsync());
        Assert.All(stored, m =>
        {
            Assert.NotNull(m.SentAt);
            Assert.Equal(1, m.Attempts);
            Assert.Null(m.LastError);
            Assert.Null(m.ClaimedBy);
        });
        Assert.Contains(stored, m => m.SentAt is not null);
    }
}
