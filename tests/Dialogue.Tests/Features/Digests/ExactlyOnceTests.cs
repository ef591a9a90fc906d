using Dialogue.Data.Digests;
using Dialogue.Data.Sensitivity;
using Dialogue.Web.Features.Digests;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Digests;

/// <summary>One digest per recipient and period: across retries, a worker that died, a worker that lost its claim, and two nodes.</summary>
public sealed class ExactlyOnceTests
{
    // The factory's clock starts on Monday 23 November 2026 at 09:00 UTC; members below choose 10:00 UTC.
    private static readonly DateTimeOffset TenOClock = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static async Task<Dialogue.Data.Accounts.DialogueUser> MemberWithNewsAsync(DigestsFactory factory)
    {
        var member = await factory.MemberWithDigestAsync(hour: 10);
        TestSection.Add(member.Email!, factory.Clock.GetUtcNow(), TestSection.Item(SensitivityLabel.Green, "Something new"));
        return member;
    }

    [Fact]
    public async Task A_retried_batch_builds_no_second_digest()
    {
        await using var factory = new DigestsFactory();
        var member = await MemberWithNewsAsync(factory);
        factory.Clock.Advance(TenOClock - factory.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));

        var batches = await factory.WithScopeAsync(sp => sp.GetRequiredService<DigestScheduler>().ScanAsync(CancellationToken.None));
        var batch = Assert.Single(batches, b => b.Ids.Contains(member.Id));
        Assert.Equal(1, (await factory.RunBatchAsync(batch)).GetValueOrDefault(DeliveryOutcome.Queued));
        // Hangfire retries the same job (say its worker was stopped after the work was done).
        var again = await factory.RunBatchAsync(batch);
        Assert.Equal(0, again.GetValueOrDefault(DeliveryOutcome.Queued));
        await factory.RunDigestJobsAsync();

        Assert.Single(await factory.DigestsToAsync(member.Email!));
        var entry = Assert.Single(await factory.LedgerOfAsync(member.Id));
        Assert.Equal(DigestLedgerStatus.Queued, entry.Status);
        Assert.Equal("D:2026-11-23", entry.PeriodKey);
    }

    [Fact]
    public async Task A_job_killed_half_way_is_taken_over_after_the_timeout_and_sends_one_digest()
    {
        await using var factory = new DigestsFactory();
        var member = await MemberWithNewsAsync(factory);
        factory.Clock.Advance(TenOClock - factory.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));

        // A worker claimed the period and died before writing to the outbox.
        var now = factory.Clock.GetUtcNow();
        await factory.WithDbAsync(async db =>
        {
            db.DigestLedger.Add(new DigestLedgerEntry
            {
                RecipientKind = DigestRecipientKind.Member,
                RecipientId = member.Id,
                PeriodKey = "D:2026-11-23",
                Frequency = DigestFrequency.Daily,
                Status = DigestLedgerStatus.Building,
                ClaimId = Guid.NewGuid(),
                LockedUntil = now.AddMinutes(10),
                Attempts = 1,
                CreatedAt = now,
                UpdatedAt = now,
            });
            await db.SaveChangesAsync();
        });

        await factory.RunDigestJobsAsync();
        Assert.Equal(DeliveryOutcome.NotDue, await factory.DeliverAsync(member.Id));
        Assert.Empty(await factory.DigestsToAsync(member.Email!));

        // The claim runs out; the next runs (several, as on a busy site) take the period over once.
        await factory.RunUntilAsync(now.AddMinutes(30), TimeSpan.FromMinutes(5));
        Assert.Single(await factory.DigestsToAsync(member.Email!));
        var entry = Assert.Single(await factory.LedgerOfAsync(member.Id));
        Assert.Equal(DigestLedgerStatus.Queued, entry.Status);
        Assert.Equal(2, entry.Attempts);
        Assert.NotNull(entry.OutboxMessageId);
    }

    [Fact]
    public async Task A_worker_that_lost_its_claim_writes_nothing_when_it_finally_finishes()
    {
        await using var factory = new DigestsFactory();
        var member = await MemberWithNewsAsync(factory);
        factory.Clock.Advance(TenOClock - factory.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));

        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        TestSection.OnNextBuild(member.Email!, async () =>
        {
            started.SetResult();
            await release.Task;
        });
        var slow = factory.DeliverAsync(member.Id);
        await started.Task;

        // The slow worker is past its claim: another takes the period over and queues the digest.
        factory.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(DeliveryOutcome.Queued, await factory.DeliverAsync(member.Id));

        release.SetResult();
        Assert.Equal(DeliveryOutcome.Busy, await slow);
        Assert.Single(await factory.DigestsToAsync(member.Email!));
        Assert.Equal(DigestLedgerStatus.Queued, Assert.Single(await factory.LedgerOfAsync(member.Id)).Status);
    }

    [Fact]
    public async Task Two_concurrent_runs_of_the_same_batch_send_each_member_one_digest()
    {
        await using var factory = new DigestsFactory();
        var members = new List<Dialogue.Data.Accounts.DialogueUser>();
        for (var i = 0; i < 12; i++)
        {
            members.Add(await MemberWithNewsAsync(factory));
        }
        factory.Clock.Advance(TenOClock - factory.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        var batch = new DigestBatch(DigestRecipientKind.Member, [.. members.Select(m => m.Id)]);

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => factory.RunBatchAsync(batch))));

        foreach (var member in members)
        {
            Assert.Single(await factory.DigestsToAsync(member.Email!));
            Assert.Single(await factory.LedgerOfAsync(member.Id));
        }
    }

    [Fact]
    public async Task Two_app_nodes_on_one_database_send_each_member_one_digest()
    {
        await using var first = new DigestsFactory { KeepDataDirectory = true };
        var members = new List<Dialogue.Data.Accounts.DialogueUser>();
        for (var i = 0; i < 8; i++)
        {
            members.Add(await MemberWithNewsAsync(first));
        }
        await using var second = new DigestsFactory(first.DataDirectory);
        var at = TenOClock + TimeSpan.FromMinutes(1);
        first.Clock.Advance(at - first.Clock.GetUtcNow());
        second.Clock.Advance(at - second.Clock.GetUtcNow());

        await Task.WhenAll(Task.Run(first.RunDigestJobsAsync), Task.Run(second.RunDigestJobsAsync), Task.Run(first.RunDigestJobsAsync));

        foreach (var member in members)
        {
            Assert.Single(await first.DigestsToAsync(member.Email!));
        }
    }

    [Fact]
    public async Task An_empty_digest_is_not_sent_and_its_period_is_not_built_again()
    {
        await using var factory = new DigestsFactory();
        var member = await factory.MemberWithDigestAsync(hour: 10);
        factory.Clock.Advance(TenOClock - factory.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));

        await factory.RunDigestJobsAsync();
        var builds = TestSection.BuildsFor(member.Email!);
        await factory.RunUntilAsync(TenOClock.AddHours(3));

        Assert.Empty(await factory.DigestsToAsync(member.Email!));
        Assert.Equal(DigestLedgerStatus.SkippedEmpty, Assert.Single(await factory.LedgerOfAsync(member.Id)).Status);
        Assert.Equal(1, builds);
        Assert.Equal(builds, TestSection.BuildsFor(member.Email!));
    }

    [Fact]
    public async Task A_failed_build_is_retried_later_and_then_sent_once()
    {
        await using var factory = new DigestsFactory();
        var member = await MemberWithNewsAsync(factory);
        factory.Clock.Advance(TenOClock - factory.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        TestSection.OnNextBuild(member.Email!, () => throw new InvalidOperationException("section broke"));

        Assert.Equal(DeliveryOutcome.Failed, await factory.DeliverAsync(member.Id));
        var failed = Assert.Single(await factory.LedgerOfAsync(member.Id));
        Assert.Equal(DigestLedgerStatus.Failed, failed.Status);
        Assert.Contains("section broke", failed.LastError, StringComparison.Ordinal);
        Assert.NotNull(failed.LockedUntil);

        await factory.RunUntilAsync(TenOClock.AddMinutes(30), TimeSpan.FromMinutes(5));
        Assert.Single(await factory.DigestsToAsync(member.Email!));
        var sent = Assert.Single(await factory.LedgerOfAsync(member.Id));
        Assert.Equal(DigestLedgerStatus.Queued, sent.Status);
        Assert.Equal(2, sent.Attempts);
    }

    [Fact]
    public async Task The_next_digest_covers_only_what_is_new_since_the_last()
    {
        await using var factory = new DigestsFactory();
        var member = await factory.MemberWithDigestAsync(hour: 10);
        TestSection.Add(member.Email!, factory.Clock.GetUtcNow(), TestSection.Item(SensitivityLabel.Clear, "Monday news"));
        await factory.RunUntilAsync(TenOClock.AddHours(2));
        TestSection.Add(member.Email!, factory.Clock.GetUtcNow(), TestSection.Item(SensitivityLabel.Clear, "Tuesday news"));
        await factory.RunUntilAsync(TenOClock.AddDays(1).AddHours(1));

        var digests = await factory.DigestsToAsync(member.Email!);
        Assert.Equal(2, digests.Count);
        Assert.Contains("Monday news", digests[0].TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Monday news", digests[1].TextBody, StringComparison.Ordinal);
        Assert.Contains("Tuesday news", digests[1].TextBody, StringComparison.Ordinal);
        var ledger = await factory.LedgerOfAsync(member.Id);
        Assert.Equal(ledger[0].Until, ledger[1].Since);
    }

    [Fact]
    public async Task The_scheduler_enqueues_batches_of_ids_that_survive_Hangfire_serialization()
    {
        await using var factory = new DigestsFactory { Settings = { ["Digests:BatchSize"] = "2" } };
        var members = new List<Dialogue.Data.Accounts.DialogueUser>();
        for (var i = 0; i < 3; i++)
        {
            members.Add(await MemberWithNewsAsync(factory));
        }
        factory.Clock.Advance(TenOClock - factory.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));

        var batches = await factory.WithScopeAsync(sp => sp.GetRequiredService<DigestScheduler>().ScanAsync(CancellationToken.None));

        Assert.Equal([2, 1], batches.Select(b => b.Ids.Length));
        Assert.Equal(members.Select(m => m.Id).Order(), batches.SelectMany(b => b.Ids).Order());
        var jobs = factory.Jobs.Jobs.Where(j => j.Type == typeof(DigestBatchJob)).ToList();
        Assert.Equal(2, jobs.Count);
        foreach (var job in jobs)
        {
            var roundTrip = Hangfire.Storage.InvocationData.SerializeJob(job).DeserializeJob();
            Assert.Equal(nameof(DigestBatchJob.RunAsync), roundTrip.Method.Name);
            Assert.Equal(DigestRecipientKind.Member, roundTrip.Args[0]);
            Assert.IsType<string[]>(roundTrip.Args[1]);
        }
        // Leased: the next scan (five minutes later) does not hand the same recipients out again.
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Empty(await factory.WithScopeAsync(sp => sp.GetRequiredService<DigestScheduler>().ScanAsync(CancellationToken.None)));
    }
}
