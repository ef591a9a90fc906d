using System.Diagnostics;
using Dialogue.Data.Digests;
using Dialogue.Data.Email;
using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Features.Admin;
using Dialogue.Tests.Features.Digests;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Digests;
using Dialogue.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dialogue.Tests.Features.Email;

/// <summary>The faults a mail server puts the outbox through: late, silent, refusing, hanging up after accepting.</summary>
public sealed class SendingFaultsTests
{
    private static string Address(string what) => $"{what}-{Guid.NewGuid():N}@test.dialogue";

    private static Task<OutboxMessage> RowAsync(DialogueFactory factory, long id) =>
        factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));

    private static Task<string> MessageIdAsync(DialogueFactory factory, long id) =>
        factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == id).Select(m => m.MessageId).SingleAsync());

    [Fact]
    public async Task A_message_the_server_accepted_is_not_sent_again_when_the_connection_drops_before_QUIT()
    {
        await using var server = new TestSmtpServer { DropAfterData = true };
        await using var factory = new SmtpFactory(server.Port) { RealClock = true };
        var id = await SmtpFactory.QueueAsync(factory, Address("dropped"), "Accepted, then the line went dead");

        Assert.Equal(1, await factory.SendOutboxAsync());
        var past = DateTimeOffset.UtcNow.AddHours(-2); // any retry is due
        await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, past)));
        Assert.Equal(0, await factory.SendOutboxAsync());

        var row = await RowAsync(factory, id);
        Assert.NotNull(row.SentAt);
        Assert.Equal(1, row.Attempts);
        Assert.Null(row.LastError);
        Assert.Equal(1, server.AcceptedCount(await MessageIdAsync(factory, id)));
    }

    [Fact]
    public async Task A_recipient_refused_for_good_is_not_retried_and_an_admin_sees_it_and_sends_it_again()
    {
        await using var server = new TestSmtpServer();
        await using var factory = new SmtpFactory(server.Port);
        var to = Address("refused");
        server.Refused[to] = true;
        var id = await SmtpFactory.QueueAsync(factory, to, "Nobody by that name", kind: "mention");

        Assert.Equal(0, await factory.SendOutboxAsync());
        var failed = await RowAsync(factory, id);
        Assert.NotNull(failed.FailedAt);
        Assert.Contains("550", failed.LastError, StringComparison.Ordinal);
        Assert.Null(failed.LockedUntil);
        Assert.Null(failed.ClaimedBy);

        // Hours later the recurring run still leaves it alone: a refusal for good is not retried.
        factory.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await factory.SendOutboxAsync());
        Assert.Equal(1, server.Recipients.Count(r => r == to));

        var admin = await factory.AdminBrowserAsync();
        var home = await admin.GetPageAsync("/Admin");
        Assert.NotNull(home.QuerySelector("a#refused-mail-link[href='/Admin/Mail']"));
        var page = await admin.GetPageAsync("/Admin/Mail");
        var row = page.QuerySelector($"#refused-mail tr[data-message-id='{id}']");
        Assert.NotNull(row);
        Assert.Contains(to, row!.TextContent, StringComparison.Ordinal);
        Assert.Contains("mention", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("550", row.TextContent, StringComparison.Ordinal);

        // The address is fixed on the server's side; the admin sends it again.
        server.Refused.TryRemove(to, out _);
        await admin.SubmitAsync(page, "/Admin/Mail", new Dictionary<string, string>(), $"tr[data-message-id='{id}'] form.retry-form");
        Assert.Null((await RowAsync(factory, id)).FailedAt);
        Assert.Equal(1, await factory.SendOutboxAsync());
        Assert.Equal(1, server.AcceptedCount(await MessageIdAsync(factory, id)));
        Assert.Null((await admin.GetPageAsync("/Admin/Mail")).QuerySelector($"#refused-mail tr[data-message-id='{id}']"));
        Assert.True(await factory.WithDbAsync(db => db.AdminAuditEntries.AnyAsync(e => e.Action == "mail.retried" && e.Details!.Contains(to))));
    }

    [Fact]
    public async Task A_digest_the_server_refuses_for_good_leaves_its_period_undeliverable_until_an_admin_retries_it()
    {
        await using var server = new TestSmtpServer();
        await using var factory = new DigestsFactory
        {
            Settings =
            {
                ["Email:Transport"] = "Smtp",
                ["Email:Smtp:Host"] = "127.0.0.1",
                ["Email:Smtp:Port"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Email:Smtp:Security"] = "None",
            },
        };
        var member = await factory.MemberWithDigestAsync(hour: 9);
        TestSection.Add(member.Email!, factory.Clock.GetUtcNow(), TestSection.Item(SensitivityLabel.Green, "Something new"));
        server.Refused[member.Email!] = true;
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, (await factory.RunDigestJobsAsync()).GetValueOrDefault(DeliveryOutcome.Queued));

        Assert.Equal(0, await factory.SendOutboxAsync());
        await factory.RunDigestJobsAsync();
        var entry = Assert.Single(await factory.LedgerOfAsync(member.Id));
        Assert.Equal(DigestLedgerStatus.Undeliverable, entry.Status);
        Assert.Contains("550", entry.LastError, StringComparison.Ordinal);

        server.Refused.TryRemove(member.Email!, out _);
        var retried = await factory.WithScopeAsync(async sp =>
            await sp.GetRequiredService<Dialogue.Web.Features.Admin.MailModel.Handler>().RetryAsync((await factory.AdminAsync()).Id, entry.OutboxMessageId!.Value, CancellationToken.None));
        Assert.True(retried);
        Assert.Equal(DigestLedgerStatus.Queued, Assert.Single(await factory.LedgerOfAsync(member.Id)).Status);
        Assert.Equal(1, await factory.SendOutboxAsync());
        await factory.RunDigestJobsAsync();
        Assert.Equal(DigestLedgerStatus.Sent, Assert.Single(await factory.LedgerOfAsync(member.Id)).Status);
    }

    [Fact]
    public async Task A_hung_server_costs_a_run_one_timeout_and_the_other_messages_wait_for_the_next_run()
    {
        await using var server = new TestSmtpServer { Hang = true };
        await using var factory = new SmtpFactory(server.Port) { RealClock = true, Settings = { ["Email:Smtp:Timeout"] = "00:00:01" } };
        var ids = new List<long>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add(await SmtpFactory.QueueAsync(factory, Address("hung"), "Into the void"));
        }

        var run = Stopwatch.StartNew();
        Assert.Equal(0, await factory.SendOutboxAsync());
        run.Stop();

        Assert.True(run.Elapsed < TimeSpan.FromSeconds(4), $"a run against a silent server took {run.Elapsed}");
        var rows = await factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync());
        Assert.Single(rows, m => m.Attempts == 1);
        Assert.Equal(7, rows.Count(m => m.Attempts == 0 && m.LockedUntil == null));
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task A_slow_server_does_not_hold_a_run_beyond_its_limit()
    {
        await using var server = new TestSmtpServer { ReplyDelay = TimeSpan.FromMilliseconds(150) };
        await using var factory = new SmtpFactory(server.Port) { RealClock = true, Settings = { ["Email:SendRunLimit"] = "00:00:01" } };
        var ids = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add(await SmtpFactory.QueueAsync(factory, Address("slow"), "Taking its time"));
        }

        var run = Stopwatch.StartNew();
        var sent = await factory.SendOutboxAsync();
        run.Stop();

        // A message takes about a second here (seven replies); the run stops claiming after one second.
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(4), $"the run took {run.Elapsed}");
        Assert.InRange(sent, 1, 3);
        var untouched = await factory.WithDbAsync(db => db.OutboxMessages.CountAsync(m => ids.Contains(m.Id) && m.SentAt == null && m.Attempts == 0 && m.LockedUntil == null));
        Assert.Equal(10 - sent, untouched);
        Assert.InRange(await factory.SendOutboxAsync(), 1, 3); // the next run carries on
    }

    [Fact]
    public async Task Each_failed_attempt_is_logged_as_one_line_without_a_stack_trace()
    {
        await using var factory = new SmtpFactory(OutboxTests.ClosedPort());
        var id = await SmtpFactory.QueueAsync(factory, Address("down"), "Nobody home");

        Assert.Equal(0, await factory.SendOutboxAsync());
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await factory.SendOutboxAsync());

        var failures = factory.Logs.Entries
            .Where(e => e.Level >= LogLevel.Warning && e.Message.Contains($"outbox message {id} ", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(2, failures.Count);
        Assert.All(failures, e =>
        {
            Assert.Null(e.Exception);
            Assert.DoesNotContain('\n', e.Message);
            Assert.Contains("127.0.0.1", e.Message, StringComparison.Ordinal); // says what failed
        });
        Assert.DoesNotContain(factory.Logs.Entries, e => e.Category.StartsWith("Dialogue.Web.Infrastructure.Email", StringComparison.Ordinal) && e.Exception is not null);
    }

    [Fact]
    public async Task A_restarted_node_sends_the_message_it_had_claimed_at_once_and_leaves_another_nodes_claim_alone()
    {
        await using var server = new TestSmtpServer();
        var crashed = new SmtpFactory(server.Port) { KeepDataDirectory = true, Settings = { ["Jobs:NodeId"] = "node-1" } };
        long ours, theirs;
        await using (crashed)
        {
            ours = await SmtpFactory.QueueAsync(crashed, Address("ours"), "Claimed when the node died");
            theirs = await SmtpFactory.QueueAsync(crashed, Address("theirs"), "Claimed by a node still sending it");
            // As a node leaves its claims when it is killed in the middle of sending.
            var until = crashed.Clock.GetUtcNow().AddMinutes(5);
            await crashed.WithDbAsync(async db =>
            {
                await db.OutboxMessages.Where(m => m.Id == ours).ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, "node-1").SetProperty(m => m.LockedUntil, until));
                await db.OutboxMessages.Where(m => m.Id == theirs).ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, "node-2").SetProperty(m => m.LockedUntil, until));
            });
        }

        using var database = crashed.Database;
        await using var restarted = new SmtpFactory(server.Port, crashed.DataDirectory) { Settings = { ["Jobs:NodeId"] = "node-1" } };
        restarted.UseDatabase(database);
        Assert.Equal(1, await restarted.SendOutboxAsync());

        Assert.Equal(1, server.AcceptedCount(await MessageIdAsync(restarted, ours)));
        Assert.Equal(0, server.AcceptedCount(await MessageIdAsync(restarted, theirs)));
        var other = await RowAsync(restarted, theirs);
        Assert.Equal("node-2", other.ClaimedBy);
        Assert.NotNull(other.LockedUntil);
    }

    [Fact]
    public async Task A_restarted_node_gives_back_the_digest_period_it_was_building_at_once()
    {
        var first = new DigestsFactory { KeepDataDirectory = true, Settings = { ["Jobs:NodeId"] = "node-1" } };
        string memberId, email;
        await using (first)
        {
            var member = await first.MemberWithDigestAsync(hour: 9);
            (memberId, email) = (member.Id, member.Email!);
            TestSection.Add(member.Email!, first.Clock.GetUtcNow(), TestSection.Item(SensitivityLabel.Green, "Built after the crash"));
            var now = first.Clock.GetUtcNow();
            // The node died while building this period: a claim with ten minutes to run, and the recipient handed out for fifteen.
            await first.WithDbAsync(async db =>
            {
                db.DigestLedger.Add(new DigestLedgerEntry
                {
                    RecipientKind = DigestRecipientKind.Member,
                    RecipientId = member.Id,
                    PeriodKey = "D:2026-11-23",
                    Frequency = DigestFrequency.Daily,
                    Status = DigestLedgerStatus.Building,
                    ClaimId = Guid.NewGuid(),
                    ClaimedBy = "node-1",
                    LockedUntil = now.AddMinutes(10),
                    Attempts = 1,
                    CreatedAt = now,
                    UpdatedAt = now,
                });
                await db.SaveChangesAsync();
                await db.DigestSubscriptions.Where(s => s.UserId == member.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.NextDueAt, now.AddMinutes(15)));
            });
        }

        using var database = first.Database;
        await using var restarted = new DigestsFactory(first.DataDirectory) { Settings = { ["Jobs:NodeId"] = "node-1" } };
        restarted.UseDatabase(database);
        restarted.Clock.Advance(TimeSpan.FromMinutes(1));
        var outcomes = await restarted.RunDigestJobsAsync();

        Assert.Equal(1, outcomes.GetValueOrDefault(DeliveryOutcome.Queued));
        var entry = Assert.Single(await restarted.LedgerOfAsync(memberId));
        Assert.Equal(DigestLedgerStatus.Queued, entry.Status);
        Assert.Null(entry.ClaimedBy);
        Assert.Single(await restarted.DigestsToAsync(email));
        Assert.Contains(restarted.Jobs.Jobs, j => j.Type == typeof(DigestScheduler));
    }
}
