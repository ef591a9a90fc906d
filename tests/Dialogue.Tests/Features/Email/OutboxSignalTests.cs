using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Dialogue.Data;
using Dialogue.Tests.Features.Digests;
using Dialogue.Web.Infrastructure.Email;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Email;

public sealed class OutboxSignalTests
{
    private static int SendJobs(DigestsFactory factory) => factory.Jobs.Jobs.Count(j => j.Type == typeof(OutboxSender));

    private static Task<Dialogue.Data.Email.OutboxMessage> AddMessageAsync(IServiceProvider services) =>
        services.GetRequiredService<Outbox>().AddAsync<PlainEmail>(
            new EmailRecipient($"signal-{Guid.NewGuid():N}@test.dialogue", null, CultureInfo.GetCultureInfo("en")),
            "test",
            () => "Signalled",
            new Dictionary<string, object?> { ["Body"] = "Body", ["Link"] = "http://localhost/" });

    [Fact]
    public async Task A_message_saved_inside_a_transaction_starts_the_sender_once_after_the_commit_and_not_before()
    {
        await using var factory = new DigestsFactory();
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DialogueDbContext>();
            var before = SendJobs(factory);
            await using var transaction = await db.Database.BeginTransactionAsync();
            await AddMessageAsync(sp);
            await db.SaveChangesAsync();
            await AddMessageAsync(sp);
            await db.SaveChangesAsync();
            Assert.Equal(before, SendJobs(factory)); // the sender could not see the rows yet

            await transaction.CommitAsync();
            Assert.Equal(before + 1, SendJobs(factory));
            return true;
        });
    }

    [Fact]
    public async Task A_plain_save_starts_the_sender_once_and_a_rolled_back_one_not_at_all()
    {
        await using var factory = new DigestsFactory();
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DialogueDbContext>();
            var before = SendJobs(factory);
            await AddMessageAsync(sp);
            await AddMessageAsync(sp);
            await db.SaveChangesAsync();
            Assert.Equal(before + 1, SendJobs(factory));

            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                await AddMessageAsync(sp);
                await db.SaveChangesAsync();
                await transaction.RollbackAsync();
            }
            db.ChangeTracker.Clear();
            await db.Users.Take(1).ToListAsync();
            await db.SaveChangesAsync(); // nothing new to send
            Assert.Equal(before + 1, SendJobs(factory));
            return true;
        });
    }

    [Fact]
    public async Task A_digest_batch_starts_one_send_for_all_its_digests_not_one_per_digest()
    {
        await using var factory = new DigestsFactory();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            var member = await factory.MemberWithDigestAsync(hour: 9);
            TestSection.Add(member.Email!, factory.Clock.GetUtcNow(), TestSection.Item(Dialogue.Data.Sensitivity.SensitivityLabel.Green, "News"));
        }
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var before = SendJobs(factory);

        Assert.Equal(3, (await factory.RunDigestJobsAsync()).GetValueOrDefault(Dialogue.Web.Features.Digests.DeliveryOutcome.Queued));

        Assert.Equal(before + 1, SendJobs(factory));
    }

    [Fact]
    public async Task Sending_has_workers_of_its_own_so_a_hung_mail_server_holds_up_no_other_job()
    {
        await using var server = new TestSmtpServer { Hang = true };
        await using var factory = new SmtpFactory(server.Port)
        {
            RealClock = true,
            Settings =
            {
                ["Jobs:RunServer"] = "true",
                ["Jobs:PollingInterval"] = "00:00:01",
                ["Jobs:WorkerCount"] = "2",
                ["Jobs:MailWorkerCount"] = "1",
                ["Email:Smtp:Timeout"] = "00:00:10",
            },
        };
        for (var i = 0; i < 3; i++)
        {
            await SmtpFactory.QueueAsync(factory, $"stuck-{Guid.NewGuid():N}@test.dialogue", "Stuck"); // each save starts a send run
        }
        var jobs = factory.Services.GetRequiredService<IBackgroundJobClient>();
        for (var i = 0; i < 3; i++)
        {
            jobs.Enqueue<OutboxSender>(sender => sender.SendDueAsync(CancellationToken.None));
        }
        var deadline = Stopwatch.StartNew();
        while (server.Connections == 0 && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }
        Assert.True(server.Connections > 0, "no send run started");

        var run = Guid.NewGuid().ToString("N");
        var waited = Stopwatch.StartNew();
        jobs.Enqueue(() => JobProbe.Run(run));
        while (!JobProbe.Ran.ContainsKey(run) && waited.Elapsed < TimeSpan.FromSeconds(8))
        {
            await Task.Delay(50);
        }
        Assert.True(JobProbe.Ran.ContainsKey(run), $"another job waited {waited.Elapsed} behind the hung mail server");
    }
}

/// <summary>A job on the default queue that records that it ran.</summary>
public static class JobProbe
{
    public static ConcurrentDictionary<string, bool> Ran { get; } = new();

    public static void Run(string run) => Ran[run] = true;
}
