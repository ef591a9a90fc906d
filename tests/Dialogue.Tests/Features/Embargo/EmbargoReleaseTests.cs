using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Tests.Features.Digests;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Threads;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Embargo;

/// <summary>
/// Before release nothing that leaves the platform mentions scheduled content, not even to the moderators who may see
/// it on the site; the release job publishes it when due and sends what posting would have sent, exactly once.
/// </summary>
public sealed class EmbargoReleaseTests
{
    private static readonly DateTimeOffset TenOClock = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task No_digest_mentions_a_scheduled_thread_or_reply_before_release_even_to_a_moderator_who_may_see_them()
    {
        await using var factory = new DigestsFactory();
        var moderator = await factory.MemberWithDigestAsync(hour: 10);
        var author = await factory.CreateMemberAsync();
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear, SpaceJoinPolicy.Closed);
        await factory.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);
        await factory.AddToSpaceAsync(space.Id, author);
        var watched = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Clear, "Published thread PT1mk7", "Published opening PT2mk7");
        await factory.WithDbAsync(async db =>
        {
            db.Watches.Add(new Watch { UserId = moderator.Id, ThreadId = watched.Id, CreatedAt = factory.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        var later = TenOClock.AddDays(3);
        await factory.StartScheduledThreadAsync(space.Id, author, SensitivityLabel.Clear, "Scheduled thread SX1mk7", $"Scheduled opening SX2mk7 for @{moderator.Email}", later);
        await factory.ScheduledReplyAsync(watched.Id, author, $"Scheduled reply SX3mk7 for @{moderator.Email}", later);

        await factory.RunUntilAsync(TenOClock.AddMinutes(15));
        await factory.SendOutboxAsync();

        var digest = Assert.Single(await factory.DigestsToAsync(moderator.Email!));
        var (_, message) = await DigestMail.PickedUpAsync(factory, digest);
        var all = DigestMail.Everything(message);
        Assert.Contains("Published opening PT2mk7", all, StringComparison.Ordinal);
        foreach (var withheld in new[] { "SX1mk7", "SX2mk7", "SX3mk7" })
        {
            Assert.DoesNotContain(withheld, all, StringComparison.Ordinal);
        }
        // Nor any other email: no mention email was written for the scheduled posts.
        Assert.DoesNotContain(await factory.OutboxToAsync(moderator.Email!), m => m.Kind == Notifier.MentionEmailKind);
        // On the site the moderator does see both.
        var client = await factory.SignedInClientAsync(moderator);
        Assert.Contains("Scheduled reply SX3mk7", await client.GetStringAsync($"/Threads/{watched.Id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_release_job_publishes_a_reply_when_due_and_sends_its_mention_email_and_notification_once()
    {
        await using var factory = new DigestsFactory();
        var author = await factory.CreateMemberAsync();
        var mentioned = await factory.CreateMemberAsync();
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear);
        await factory.AddToSpaceAsync(space.Id, author);
        await factory.AddToSpaceAsync(space.Id, mentioned);
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Clear, ThreadsWorld.Unique("Release"), "Opening");
        var reply = await factory.ScheduledReplyAsync(thread.Id, author, $"Scheduled words RW1mk7 for @{mentioned.Email}", factory.Clock.GetUtcNow().AddHours(2));
        var visitor = factory.CreateBrowser();

        Assert.Equal(0, await factory.ReleaseDueAsync());
        Assert.DoesNotContain("RW1mk7", await visitor.GetStringAsync($"/Threads/{thread.Id}"), StringComparison.Ordinal);
        Assert.DoesNotContain(await factory.OutboxToAsync(mentioned.Email!), m => m.Kind == Notifier.MentionEmailKind);

        factory.Clock.Advance(TimeSpan.FromHours(2));
        // Two runs at once (two nodes, or a retry), then a third: one release between them.
        var runs = await Task.WhenAll(factory.ReleaseDueAsync(), factory.ReleaseDueAsync());
        Assert.Equal(1, runs.Sum());
        Assert.Equal(0, await factory.ReleaseDueAsync());
        Assert.False(await factory.ReleasePostNowAsync(reply.Id));

        // Visitors' cached pages were evicted by the release's commit.
        Assert.Contains("RW1mk7", await visitor.GetStringAsync($"/Threads/{thread.Id}"), StringComparison.Ordinal);
        Assert.Single(await factory.OutboxToAsync(mentioned.Email!), m => m.Kind == Notifier.MentionEmailKind);
        var notifications = await factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.RecipientId == mentioned.Id && n.PostId == reply.Id));
        Assert.Equal(1, notifications);
        var released = await factory.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.Id == reply.Id));
        Assert.Null(released.EmbargoUntil);
        Assert.Equal(factory.Clock.GetUtcNow(), released.CreatedAt);
    }

    [Fact]
    public async Task A_publish_at_in_the_past_is_refused_with_a_message_and_nothing_is_saved()
    {
        await using var factory = new DigestsFactory();
        var author = await factory.CreateMemberAsync();
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear);
        await factory.AddToSpaceAsync(space.Id, author);
        var client = await factory.SignedInClientAsync(author);
        var title = ThreadsWorld.Unique("Too early");
        var response = await client.SubmitAsync($"/Threads/New?spaceId={space.Id}", new Dictionary<string, string>
        {
            ["Data.Title"] = title,
            ["Data.Body"] = "Body",
            ["Data.PublishAt"] = "2020-01-01T09:00",
        });
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Choose a time in the future", html, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.Threads.AnyAsync(t => t.Title == title)));

        var scheduled = await client.SubmitAsync($"/Threads/New?spaceId={space.Id}", new Dictionary<string, string>
        {
            ["Data.Title"] = title,
            ["Data.Body"] = "Body",
            ["Data.PublishAt"] = "2026-11-30T09:00",
        });
        Assert.Contains("Scheduled for", await scheduled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var until = await factory.WithDbAsync(db => db.Threads.Where(t => t.Title == title).Select(t => t.EmbargoUntil).SingleAsync());
        // The author has no zone set and sent no zone cookie: the field is read in UTC.
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero), until);
    }
}
