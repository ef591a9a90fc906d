using System.Net;
using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Moderation;

public sealed class ReviewQueueTests(ReviewQueueTests.ReviewFactory factory) : IClassFixture<ReviewQueueTests.ReviewFactory>
{
    public sealed class ReviewFactory : DialogueFactory
    {
        public ReviewFactory() => Settings["Moderation:FirstPostsToReview"] = "2";
    }

    private sealed record World(Space Space, DialogueUser Newcomer, DialogueUser Moderator, DialogueUser Reader, HttpClient NewcomerBrowser, HttpClient ModeratorBrowser);

    private async Task<World> WorldAsync(SensitivityLabel label = SensitivityLabel.Green)
    {
        var space = await factory.CreateSpaceAsync(label);
        var newcomer = await factory.CreateMemberAsync();
        var moderator = await factory.CreateMemberAsync();
        var reader = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, newcomer);
        await factory.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);
        await factory.AddToSpaceAsync(space.Id, reader);
        return new World(space, newcomer, moderator, reader,
            await factory.CreateSignedInBrowserAsync(newcomer), await factory.CreateSignedInBrowserAsync(moderator));
    }

    private async Task<long> PostThreadAsync(World world, string title, string body)
    {
        var response = await world.NewcomerBrowser.SubmitAsync($"/Threads/New?spaceId={world.Space.Id}", new Dictionary<string, string>
        {
            ["Data.Title"] = title,
            ["Data.Body"] = body,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await factory.WithDbAsync(db => db.Threads.Where(t => t.Title == title).Select(t => t.Id).SingleAsync());
    }

    private static string Handle(DialogueUser user) => "@" + user.Email!.Split('@')[0];

    [Fact]
    public async Task A_new_members_first_thread_waits_for_review_and_its_author_sees_it_marked()
    {
        var world = await WorldAsync();
        var title = ThreadsWorld.Unique("First thread");
        var response = await world.NewcomerBrowser.SubmitAsync($"/Threads/New?spaceId={world.Space.Id}", new Dictionary<string, string>
        {
            ["Data.Title"] = title,
            ["Data.Body"] = "Hello, everyone.",
        });
        var own = await response.ReadPageAsync();
        Assert.Contains("awaiting review", own.QuerySelector("main .notice[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Awaiting review", own.QuerySelector(".post .badge")!.TextContent, StringComparison.Ordinal);
        var threadId = await factory.WithDbAsync(db => db.Threads.Where(t => t.Title == title).Select(t => t.Id).SingleAsync());
        Assert.Equal(PostStatus.Pending, await factory.WithDbAsync(db => db.Threads.Where(t => t.Id == threadId).Select(t => t.Status).SingleAsync()));

        var reader = await factory.CreateSignedInBrowserAsync(world.Reader);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/Threads/{threadId}")).StatusCode);
        Assert.DoesNotContain(title, await reader.GetStringAsync($"/Spaces/{world.Space.Slug}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approving_shows_the_post_tells_the_author_and_only_then_notifies_mentions_and_watchers()
    {
        var world = await WorldAsync();
        var watcher = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(world.Space.Id, watcher);
        await factory.WithDbAsync(async db =>
        {
            db.Watches.Add(new Watch { UserId = watcher.Id, SpaceId = world.Space.Id, CreatedAt = factory.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        var title = ThreadsWorld.Unique("Mentioning");
        var threadId = await PostThreadAsync(world, title, $"A question for {Handle(world.Reader)}.");

        Assert.False(await factory.WithDbAsync(db => db.Notifications.AnyAsync(n => n.ThreadId == threadId && n.RecipientId != world.Newcomer.Id && n.Kind != NotificationKind.PostHeld)));
        Assert.Empty(await factory.OutboxToAsync(world.Reader.Email!));

        var queue = await world.ModeratorBrowser.GetPageAsync("/Moderation/Queue");
        var item = queue.QuerySelectorAll(".queue-item").Single(i => i.TextContent.Contains(title, StringComparison.Ordinal));
        Assert.Contains("A question for", item.QuerySelector(".post-body")!.TextContent, StringComparison.Ordinal);
        var postId = await factory.WithDbAsync(db => db.Posts.Where(p => p.ThreadId == threadId).Select(p => p.Id).SingleAsync());
        var approved = await world.ModeratorBrowser.SubmitAsync(queue, "/Moderation/Queue", new Dictionary<string, string>(),
            $"form[action*='handler=Approve'][action*='postId={postId}']");
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        var reader = await factory.CreateSignedInBrowserAsync(world.Reader);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/Threads/{threadId}")).StatusCode);
        Assert.Single(await factory.OutboxToAsync(world.Reader.Email!));
        var kinds = await factory.WithDbAsync(db => db.Notifications.Where(n => n.ThreadId == threadId)
            .Select(n => new { n.RecipientId, n.Kind }).ToListAsync());
        Assert.Contains(kinds, n => n.RecipientId == world.Newcomer.Id && n.Kind == NotificationKind.PostApproved);
        Assert.Contains(kinds, n => n.RecipientId == world.Reader.Id && n.Kind == NotificationKind.Mention);
        Assert.Contains(kinds, n => n.RecipientId == watcher.Id && n.Kind == NotificationKind.NewThread);
        var notifications = await world.NewcomerBrowser.GetPageAsync("/Threads/Notifications");
        Assert.Contains("was approved", notifications.QuerySelector(".notifications")!.TextContent, StringComparison.Ordinal);

        var log = await world.ModeratorBrowser.GetPageAsync("/Moderation/Log");
        Assert.Contains("approved a post", log.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejecting_tells_the_author_why_in_their_language()
    {
        var world = await WorldAsync();
        await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == world.Newcomer.Id);
            user.UiCulture = "zh-Hans";
            await db.SaveChangesAsync();
        });
        var title = ThreadsWorld.Unique("Rejected");
        var threadId = await PostThreadAsync(world, title, "Buy cheap watches.");
        var postId = await factory.WithDbAsync(db => db.Posts.Where(p => p.ThreadId == threadId).Select(p => p.Id).SingleAsync());

        var queue = await world.ModeratorBrowser.GetPageAsync("/Moderation/Queue");
        await world.ModeratorBrowser.SubmitAsync(queue, "/Moderation/Queue", new Dictionary<string, string> { ["reason"] = "Advertising is not allowed here." },
            $"form[action*='handler=Reject'][action*='postId={postId}']");

        var post = await factory.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.Id == postId));
        Assert.Equal(PostStatus.Rejected, post.Status);
        Assert.Equal("Advertising is not allowed here.", post.RejectionReason);
        var mail = Assert.Single(await factory.OutboxToAsync(world.Newcomer.Email!));
        Assert.Contains("未获批准", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Advertising is not allowed here.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("版主未批准", mail.TextBody, StringComparison.Ordinal);

        var notifications = await world.NewcomerBrowser.GetStringAsync("/Threads/Notifications");
        Assert.Contains("Advertising is not allowed here.", notifications, StringComparison.Ordinal);
        var own = await world.NewcomerBrowser.GetPageAsync($"/Threads/{threadId}");
        Assert.Contains("Advertising is not allowed here.", own.QuerySelector(".post .badge")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejection_needs_a_reason()
    {
        var world = await WorldAsync();
        var threadId = await PostThreadAsync(world, ThreadsWorld.Unique("No reason"), "text");
        var postId = await factory.WithDbAsync(db => db.Posts.Where(p => p.ThreadId == threadId).Select(p => p.Id).SingleAsync());
        var queue = await world.ModeratorBrowser.GetPageAsync("/Moderation/Queue");
        var response = await world.ModeratorBrowser.SubmitAsync(queue, "/Moderation/Queue", new Dictionary<string, string> { ["reason"] = " " },
            $"form[action*='handler=Reject'][action*='postId={postId}']");
        var page = await response.ReadPageAsync();
        Assert.NotNull(page.QuerySelector($"#reason-{postId}-error[role=alert]"));
        Assert.Equal(PostStatus.Pending, await factory.WithDbAsync(db => db.Posts.Where(p => p.Id == postId).Select(p => p.Status).SingleAsync()));
    }

    [Fact]
    public async Task After_two_approved_posts_a_member_posts_at_once()
    {
        var world = await WorldAsync();
        var thread = await factory.StartThreadAsync(world.Space.Id, world.Moderator, SensitivityLabel.Green, ThreadsWorld.Unique("Open"), "opening");
        Assert.Equal(PostStatus.Approved, thread.Status);
        var first = await factory.ReplyAsync(thread.Id, world.Newcomer, "one");
        var second = await factory.ReplyAsync(thread.Id, world.Newcomer, "two");
        Assert.Equal(PostStatus.Pending, first.Status);
        Assert.Equal(PostStatus.Pending, second.Status);
        foreach (var post in new[] { first, second })
        {
            var queue = await world.ModeratorBrowser.GetPageAsync("/Moderation/Queue");
            await world.ModeratorBrowser.SubmitAsync(queue, "/Moderation/Queue", new Dictionary<string, string>(),
                $"form[action*='handler=Approve'][action*='postId={post.Id}']");
        }
        var third = await factory.ReplyAsync(thread.Id, world.Newcomer, "three");
        Assert.Equal(PostStatus.Approved, third.Status);
    }

    [Fact]
    public async Task The_queue_holds_only_the_spaces_a_moderator_moderates()
    {
        var world = await WorldAsync();
        var other = await WorldAsync();
        var title = ThreadsWorld.Unique("Elsewhere");
        var threadId = await PostThreadAsync(other, title, "elsewhere");
        var postId = await factory.WithDbAsync(db => db.Posts.Where(p => p.ThreadId == threadId).Select(p => p.Id).SingleAsync());

        Assert.DoesNotContain(title, await world.ModeratorBrowser.GetStringAsync("/Moderation/Queue"), StringComparison.Ordinal);
        Assert.Contains(title, await other.ModeratorBrowser.GetStringAsync("/Moderation/Queue"), StringComparison.Ordinal);

        // Approving it by id from the wrong space: the post does not exist for that moderator.
        var queue = await world.ModeratorBrowser.GetPageAsync("/Moderation/Queue");
        var token = queue.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        Assert.NotNull(token);
        var response = await world.ModeratorBrowser.PostAsync($"/Moderation/Queue?handler=Approve&postId={postId}",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token!)]));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(PostStatus.Pending, await factory.WithDbAsync(db => db.Posts.Where(p => p.Id == postId).Select(p => p.Status).SingleAsync()));

        // A member who moderates nothing has no queue.
        var reader = await factory.CreateSignedInBrowserAsync(world.Reader);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/Moderation/Queue")).StatusCode);
    }

    [Fact]
    public async Task Raising_the_label_from_the_queue_is_logged()
    {
        var world = await WorldAsync();
        var threadId = await PostThreadAsync(world, ThreadsWorld.Unique("Raise"), "contains a detail");
        var queue = await world.ModeratorBrowser.GetPageAsync("/Moderation/Queue");
        await world.ModeratorBrowser.SubmitAsync(queue, "/Moderation/Queue", new Dictionary<string, string> { ["label"] = "Amber" },
            $"form[action*='handler=RaiseLabel'][action*='threadId={threadId}']");
        Assert.Equal(SensitivityLabel.Amber, await factory.WithDbAsync(db => db.Threads.Where(t => t.Id == threadId).Select(t => t.Label).SingleAsync()));
        var entry = await factory.WithDbAsync(db => db.ModerationLog.AsNoTracking().SingleAsync(e => e.ThreadId == threadId));
        Assert.Equal(Dialogue.Data.Moderation.ModerationAction.RaiseLabel, entry.Action);
        Assert.Equal(world.Moderator.Id, entry.ActorId);
        Assert.Equal("TLP:GREEN → TLP:AMBER", entry.Details);
    }
}
