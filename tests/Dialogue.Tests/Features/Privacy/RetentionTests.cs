using System.Net;
using Dialogue.Data.Email;
using Dialogue.Data.Moderation;
using Dialogue.Data.Privacy;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Privacy;

public sealed class RetentionTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    private Task<int> RunJobAsync() => factory.WithScopeAsync(sp => sp.GetRequiredService<RetentionJob>().PurgeDueAsync(CancellationToken.None));

    private Task SetRetentionAsync(long? spaceId, long? threadId, int days) => factory.WithDbAsync(async db =>
    {
        db.RetentionPeriods.Add(new RetentionPeriod { SpaceId = spaceId, ThreadId = threadId, Days = days, SetAt = factory.Clock.GetUtcNow() });
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task The_job_purges_threads_past_their_period_once_and_keeps_dates_authors_and_the_moderation_log()
    {
        var author = await factory.CreateMemberAsync();
        var watcher = await factory.CreateMemberAsync();
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        await factory.AddToSpaceAsync(space.Id, author);
        var word = "ephemeral" + Guid.NewGuid().ToString("N")[..8];
        var old = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, ThreadsWorld.Unique("Old news"), $"Soon gone {word}");
        var reply = await factory.ReplyAsync(old.Id, author, $"Also soon gone {word}");
        await factory.WithDbAsync(async db =>
        {
            db.PostRevisions.Add(new PostRevision { PostId = reply.Id, Number = 1, Source = $"First draft {word}", WrittenAt = factory.Clock.GetUtcNow(), ReplacedAt = factory.Clock.GetUtcNow() });
            db.Notifications.Add(new Notification { RecipientId = watcher.Id, Kind = NotificationKind.Reply, ThreadId = old.Id, PostId = reply.Id, CreatedAt = factory.Clock.GetUtcNow() });
            db.ModerationLog.Add(new ModerationLogEntry { ActorId = author.Id, At = factory.Clock.GetUtcNow(), Action = ModerationAction.EditThreadTitle, SpaceId = space.Id, ThreadId = old.Id, Reason = "kept-reason" });
            var queued = new OutboxMessage
            {
                MessageId = Guid.NewGuid().ToString("N"),
                Kind = "test",
                ToAddress = watcher.Email!,
                Subject = $"About {word}",
                HtmlBody = word,
                TextBody = word,
                CreatedAt = factory.Clock.GetUtcNow(),
                NextAttemptAt = factory.Clock.GetUtcNow(),
            };
            queued.Threads.Add(new OutboxMessageThread { ThreadId = old.Id, Label = SensitivityLabel.Green });
            db.OutboxMessages.Add(queued);
            await db.SaveChangesAsync();
        });
        await SetRetentionAsync(space.Id, null, 30);
        var createdAt = (await factory.FirstPostAsync(old.Id)).CreatedAt;

        factory.Clock.Advance(TimeSpan.FromDays(31));
        var fresh = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, ThreadsWorld.Unique("Fresh"), $"Still here {word}");

        Assert.Equal(1, await RunJobAsync());
        Assert.Equal(0, await RunJobAsync());

        await factory.WithDbAsync(async db =>
        {
            var thread = await db.Threads.AsNoTracking().SingleAsync(t => t.Id == old.Id);
            Assert.Equal(RetentionJob.ExpiredTitle, thread.Title);
            var posts = await db.Posts.AsNoTracking().Where(p => p.ThreadId == old.Id).ToListAsync();
            Assert.Equal(2, posts.Count);
            Assert.All(posts, p => Assert.Equal(("", "", ""), (p.Source, p.PlainText, p.Html)));
            Assert.All(posts, p => Assert.Equal(author.Id, p.AuthorId));
            Assert.Equal(createdAt, posts.Single(p => p.Number == 1).CreatedAt);
            Assert.False(await db.PostRevisions.AnyAsync(r => r.PostId == reply.Id));
            Assert.False(await db.Notifications.AnyAsync(n => n.ThreadId == old.Id));
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.ToAddress == watcher.Email));
            Assert.True(await db.ModerationLog.AnyAsync(e => e.ThreadId == old.Id && e.Reason == "kept-reason"));
            Assert.Equal(2, (await db.RetentionPurges.SingleAsync(p => p.ThreadId == old.Id)).PostsPurged);
            Assert.Equal($"Still here {word}", (await db.Posts.AsNoTracking().SingleAsync(p => p.ThreadId == fresh.Id)).Source);
        });

        var reader = await factory.CreateSignedInBrowserAsync(author);
        var search = (await reader.GetPageAsync($"/Search?q={word}")).QuerySelector("main")!.TextContent;
        Assert.Contains("Still here", search, StringComparison.Ordinal);
        Assert.DoesNotContain("soon gone", search, StringComparison.OrdinalIgnoreCase);
        var page = (await reader.GetPageAsync($"/Threads/{old.Id}")).QuerySelector("main")!.TextContent;
        Assert.Contains(RetentionJob.ExpiredTitle, page, StringComparison.Ordinal);
        Assert.DoesNotContain(word, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_red_threads_own_period_wins_over_its_spaces()
    {
        var author = await factory.CreateMemberAsync();
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Amber);
        await factory.AddToSpaceAsync(space.Id, author);
        var red = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Red, ThreadsWorld.Unique("Short-lived"), "red words");
        var amber = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Amber, ThreadsWorld.Unique("Long-lived"), "amber words");
        await SetRetentionAsync(space.Id, null, 365);
        await SetRetentionAsync(null, red.Id, 7);

        factory.Clock.Advance(TimeSpan.FromDays(8));
        await RunJobAsync();

        await factory.WithDbAsync(async db =>
        {
            Assert.Equal(RetentionJob.ExpiredTitle, await db.Threads.Where(t => t.Id == red.Id).Select(t => t.Title).SingleAsync());
            Assert.Equal(amber.Title, await db.Threads.Where(t => t.Id == amber.Id).Select(t => t.Title).SingleAsync());
        });
    }

    [Fact]
    public async Task Space_moderator_sets_the_period_bad_values_get_a_message_and_others_are_refused()
    {
        var moderator = await factory.CreateMemberAsync();
        var member = await factory.CreateMemberAsync();
        var outsider = await factory.CreateMemberAsync();
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Amber);
        await factory.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);
        await factory.AddToSpaceAsync(space.Id, member);
        var url = $"/Privacy/Retention?spaceId={space.Id}";
        var client = await factory.CreateSignedInBrowserAsync(moderator);

        Assert.NotNull((await client.GetPageAsync($"/Spaces/{space.Slug}")).QuerySelector($"a[href='{url}']"));
        foreach (var bad in new[] { "0", "-3", "2.5", "soon", "999999" })
        {
            var refused = await client.SubmitAsync(url, new Dictionary<string, string> { ["Days"] = bad });
            Assert.Contains("Enter a whole number of days from 1 to 3650", (await refused.ReadPageAsync()).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        }
        Assert.False(await factory.WithDbAsync(db => db.RetentionPeriods.AnyAsync(r => r.SpaceId == space.Id)));

        await client.SubmitAsync(url, new Dictionary<string, string> { ["Days"] = "90" });
        Assert.Equal(90, await factory.WithDbAsync(db => db.RetentionPeriods.Where(r => r.SpaceId == space.Id).Select(r => r.Days).SingleAsync()));
        await client.SubmitAsync(url, new Dictionary<string, string> { ["Days"] = "" });
        Assert.False(await factory.WithDbAsync(db => db.RetentionPeriods.AnyAsync(r => r.SpaceId == space.Id)));

        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.CreateSignedInBrowserAsync(member)).GetAsync(url)).StatusCode);
        // Every approved member may see that an AMBER space exists (its name and description), so an outsider is refused, not 404.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.CreateSignedInBrowserAsync(outsider)).GetAsync(url)).StatusCode);
        var green = await factory.StartThreadAsync(space.Id, moderator, SensitivityLabel.Amber, ThreadsWorld.Unique("Not red"), "words");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Privacy/Retention?threadId={green.Id}")).StatusCode);
    }
}
