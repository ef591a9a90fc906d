using Dialogue.Data.Accounts;
using Dialogue.Data.Digests;
using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Digests;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Digests;

/// <summary>
/// A batch job builds its recipients' digests on one DbContext and writes them in one transaction: each still gets
/// exactly what the access policy shows them, and a crash or a failure in the middle loses no digest and doubles none.
/// </summary>
public sealed class BatchDeliveryTests
{
    // The factory's clock starts on Monday 23 November 2026 at 09:00 UTC; members below choose 10:00 UTC.
    private static readonly DateTimeOffset TenOClock = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static async Task<DialogueUser> MemberWithNewsAsync(DigestsFactory factory, string news)
    {
        var member = await factory.MemberWithDigestAsync(hour: 10);
        TestSection.Add(member.Email!, factory.Clock.GetUtcNow(), TestSection.Item(SensitivityLabel.Green, news));
        return member;
    }

    private static void AtTenPastTen(DigestsFactory factory) =>
        factory.Clock.Advance(TenOClock - factory.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));

    private static DigestBatch BatchOf(IEnumerable<DialogueUser> members) =>
        new(DigestRecipientKind.Member, [.. members.Select(m => m.Id)]);

    [Fact]
    public async Task Members_of_one_batch_with_different_access_each_get_only_what_the_access_policy_shows_them()
    {
        await using var factory = new DigestsFactory();
        var participant = await factory.MemberWithDigestAsync(hour: 10);
        var spaceMember = await factory.MemberWithDigestAsync(hour: 10);
        var outsider = await factory.MemberWithDigestAsync(hour: 10);
        var author = await factory.CreateMemberAsync();
        var open = await factory.CreateSpaceAsync(SensitivityLabel.Clear);
        var amber = await factory.CreateSpaceAsync(SensitivityLabel.Amber);
        foreach (var member in new[] { participant, spaceMember, outsider, author })
        {
            await factory.AddToSpaceAsync(open.Id, member);
        }
        foreach (var member in new[] { participant, spaceMember, author })
        {
            await factory.AddToSpaceAsync(amber.Id, member);
        }
        await factory.StartThreadAsync(open.Id, author, SensitivityLabel.Green, "Green thread GT1", "Green opening GT2");
        await factory.StartThreadAsync(amber.Id, author, SensitivityLabel.Amber, "Amber thread AmberTitleQ1", "Amber opening AmberBodyQ2");
        await factory.StartThreadAsync(amber.Id, author, SensitivityLabel.Red, "Red thread RedTitleQ1", "Red opening RedBodyQ2", participant);
        AtTenPastTen(factory);

        var outcomes = await factory.RunBatchAsync(BatchOf([participant, spaceMember, outsider]));
        Assert.Equal(3, outcomes.GetValueOrDefault(DeliveryOutcome.Queued));
        await factory.SendOutboxAsync();

        async Task<string> DigestOf(DialogueUser member)
        {
            var (_, message) = await DigestMail.PickedUpAsync(factory, Assert.Single(await factory.DigestsToAsync(member.Email!)));
            return DigestMail.Everything(message);
        }
        var ofParticipant = await DigestOf(participant);
        var ofSpaceMember = await DigestOf(spaceMember);
        var ofOutsider = await DigestOf(outsider);
        const string RedNotice = "You have activity in a thread, sign in to read it.";

        foreach (var digest in new[] { ofParticipant, ofSpaceMember, ofOutsider })
        {
            Assert.Contains("Green opening GT2", digest, StringComparison.Ordinal);
            Assert.DoesNotContain("RedTitleQ1", digest, StringComparison.Ordinal);
            Assert.DoesNotContain("RedBodyQ2", digest, StringComparison.Ordinal);
        }
        Assert.Contains("Amber thread AmberTitleQ1", ofParticipant, StringComparison.Ordinal);
        Assert.Contains(RedNotice, ofParticipant, StringComparison.Ordinal);
        Assert.Contains("Amber thread AmberTitleQ1", ofSpaceMember, StringComparison.Ordinal);
        Assert.DoesNotContain(RedNotice, ofSpaceMember, StringComparison.Ordinal);
        Assert.DoesNotContain("AmberTitleQ1", ofOutsider, StringComparison.Ordinal);
        Assert.DoesNotContain("AmberBodyQ2", ofOutsider, StringComparison.Ordinal);
        Assert.DoesNotContain(RedNotice, ofOutsider, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_that_dies_half_way_loses_no_digest_and_sends_none_twice()
    {
        await using var factory = new DigestsFactory();
        var members = new List<DialogueUser>();
        for (var i = 0; i < 5; i++)
        {
            members.Add(await MemberWithNewsAsync(factory, $"News for member {i}"));
        }
        AtTenPastTen(factory);
        // The process dies while building the third digest: the first two are built but not yet written.
        TestSection.OnNextBuild(members[2].Email!, () => throw new OperationCanceledException("the node was killed"));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => factory.RunBatchAsync(BatchOf(members)));
        foreach (var member in members)
        {
            Assert.Empty(await factory.DigestsToAsync(member.Email!));
            Assert.Equal(DigestLedgerStatus.Building, Assert.Single(await factory.LedgerOfAsync(member.Id)).Status);
        }

        // The node restarts: it releases what it was building, and the next scan builds each digest once.
        Assert.Equal(5, await factory.WithScopeAsync(sp => sp.GetRequiredService<DigestDelivery>().ReleaseOwnClaimsAsync(CancellationToken.None)));
        await factory.RunUntilAsync(TenOClock.AddMinutes(30), TimeSpan.FromMinutes(5));

        foreach (var (member, i) in members.Select((m, i) => (m, i)))
        {
            var digest = Assert.Single(await factory.DigestsToAsync(member.Email!));
            Assert.Contains($"News for member {i}", digest.TextBody, StringComparison.Ordinal);
            var entry = Assert.Single(await factory.LedgerOfAsync(member.Id));
            Assert.Equal(DigestLedgerStatus.Queued, entry.Status);
            Assert.Equal(digest.Id, entry.OutboxMessageId);
        }
    }

    [Fact]
    public async Task A_build_that_fails_in_a_batch_fails_that_member_alone_and_is_sent_once_on_retry()
    {
        await using var factory = new DigestsFactory();
        var members = new List<DialogueUser>();
        for (var i = 0; i < 4; i++)
        {
            members.Add(await MemberWithNewsAsync(factory, $"News for member {i}"));
        }
        AtTenPastTen(factory);
        TestSection.OnNextBuild(members[1].Email!, () => throw new InvalidOperationException("section broke"));

        var outcomes = await factory.RunBatchAsync(BatchOf(members));

        Assert.Equal(3, outcomes.GetValueOrDefault(DeliveryOutcome.Queued));
        Assert.Equal(1, outcomes.GetValueOrDefault(DeliveryOutcome.Failed));
        Assert.Empty(await factory.DigestsToAsync(members[1].Email!));
        var failed = Assert.Single(await factory.LedgerOfAsync(members[1].Id));
        Assert.Equal(DigestLedgerStatus.Failed, failed.Status);
        Assert.Contains("section broke", failed.LastError, StringComparison.Ordinal);

        await factory.RunUntilAsync(TenOClock.AddMinutes(30), TimeSpan.FromMinutes(5));
        foreach (var member in members)
        {
            Assert.Single(await factory.DigestsToAsync(member.Email!));
            Assert.Equal(DigestLedgerStatus.Queued, Assert.Single(await factory.LedgerOfAsync(member.Id)).Status);
        }
    }

    [Fact]
    public async Task A_member_taken_over_by_another_worker_mid_batch_gets_only_that_workers_digest_and_the_rest_of_the_batch_is_queued()
    {
        await using var factory = new DigestsFactory();
        var slowOne = await MemberWithNewsAsync(factory, "News for the slow one");
        var other = await MemberWithNewsAsync(factory, "News for the other");
        AtTenPastTen(factory);
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        TestSection.OnNextBuild(slowOne.Email!, async () =>
        {
            started.SetResult();
            await release.Task;
        });
        var slowBatch = factory.RunBatchAsync(BatchOf([slowOne, other]));
        await started.Task;

        // The batch is past its claims: another worker takes the slow one's period over and queues its digest.
        factory.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(DeliveryOutcome.Queued, await factory.DeliverAsync(slowOne.Id));

        release.SetResult();
        var outcomes = await slowBatch;
        Assert.Equal(1, outcomes.GetValueOrDefault(DeliveryOutcome.Busy));
        Assert.Single(await factory.DigestsToAsync(slowOne.Email!));
        Assert.Equal(DigestLedgerStatus.Queued, Assert.Single(await factory.LedgerOfAsync(slowOne.Id)).Status);
        // The other member's claim ran out too, but nobody took it over: the batch still holds it and queues it.
        Assert.Single(await factory.DigestsToAsync(other.Email!));
        Assert.Equal(1, outcomes.GetValueOrDefault(DeliveryOutcome.Queued));
    }
}
