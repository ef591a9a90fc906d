using Dialogue.Data.Email;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Email;

/// <summary>A run sends its claimed batch over one connection and stamps it in one commit, each message exactly once.</summary>
public sealed class BatchSendingTests
{
    private static string Address(string what) => $"{what}-{Guid.NewGuid():N}@test.dialogue";

    private static async Task<List<long>> QueueAsync(SmtpFactory factory, string what, int count)
    {
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await SmtpFactory.QueueAsync(factory, Address(what), $"Message {i}"));
        }
        return ids;
    }

    private static Task<List<OutboxMessage>> RowsAsync(SmtpFactory factory, List<long> ids) =>
        factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync());

    [Fact]
    public async Task A_run_sends_its_batch_over_one_connection_and_stamps_every_message_once()
    {
        await using var server = new TestSmtpServer();
        await using var factory = new SmtpFactory(server.Port) { RealClock = true, Settings = { ["Email:SendBatchSize"] = "4" } };
        var ids = await QueueAsync(factory, "batch", 10);

        Assert.Equal(10, await factory.SendOutboxAsync());

        Assert.Equal(1, server.Connections);
        var rows = await RowsAsync(factory, ids);
        Assert.All(rows, m =>
        {
            Assert.NotNull(m.SentAt);
            Assert.Equal(1, m.Attempts);
            Assert.Null(m.ClaimedBy);
            Assert.Null(m.LockedUntil);
            Assert.Equal(1, server.AcceptedCount(m.MessageId));
        });
        Assert.Equal(0, await factory.SendOutboxAsync());
    }

    [Fact]
    public async Task A_server_that_hangs_up_after_each_message_gets_every_message_once_on_a_fresh_connection()
    {
        await using var server = new TestSmtpServer { DropAfterData = true };
        await using var factory = new SmtpFactory(server.Port) { RealClock = true };
        var ids = await QueueAsync(factory, "hangs-up", 5);

        Assert.Equal(5, await factory.SendOutboxAsync());

        var rows = await RowsAsync(factory, ids);
        Assert.All(rows, m =>
        {
            Assert.NotNull(m.SentAt);
            Assert.Equal(1, server.AcceptedCount(m.MessageId));
        });
        Assert.Equal(5, server.Connections);
    }

    [Fact]
    public async Task A_message_refused_in_the_middle_of_a_batch_fails_alone_and_the_others_are_sent()
    {
        await using var server = new TestSmtpServer();
        await using var factory = new SmtpFactory(server.Port) { RealClock = true };
        var before = await SmtpFactory.QueueAsync(factory, Address("before"), "Before");
        var refusedAddress = Address("refused");
        server.Refused[refusedAddress] = true;
        var refused = await SmtpFactory.QueueAsync(factory, refusedAddress, "Refused");
        var after = await SmtpFactory.QueueAsync(factory, Address("after"), "After");

        Assert.Equal(2, await factory.SendOutboxAsync());

        var rows = (await RowsAsync(factory, [before, refused, after])).ToDictionary(m => m.Id);
        Assert.NotNull(rows[before].SentAt);
        Assert.NotNull(rows[after].SentAt);
        Assert.Null(rows[refused].SentAt);
        Assert.NotNull(rows[refused].FailedAt);
        Assert.Null(rows[refused].ClaimedBy);
    }
}
