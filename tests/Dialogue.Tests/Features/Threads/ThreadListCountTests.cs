using AngleSharp.Html.Dom;
using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Threads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Threads;

/// <summary>A thread's number of posts in the lists, and its unread mark, tell a reader nothing of replies waiting in review.</summary>
public sealed class ThreadListCountTests(ThreadListCountTests.ReviewingFactory factory) : IClassFixture<ThreadListCountTests.ReviewingFactory>
{
    public sealed class ReviewingFactory : DialogueFactory
    {
        public ReviewingFactory() => Settings["Moderation:FirstPostsToReview"] = "2";
    }

    private sealed record World(Space Space, DialogueUser Moderator, DialogueUser Newcomer, DialogueUser Reader, long ThreadId, string Title);

    /// <summary>A thread of the moderator's opening post and <paramref name="replies"/> published replies; nothing held yet.</summary>
    private async Task<World> ThreadAsync(int replies)
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var moderator = await factory.CreateMemberAsync();
        var newcomer = await factory.CreateMemberAsync();
        var reader = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);
        await factory.AddToSpaceAsync(space.Id, newcomer);
        await factory.AddToSpaceAsync(space.Id, reader);
        var title = ThreadsWorld.Unique("Counted");
        var thread = await factory.StartThreadAsync(space.Id, moderator, SensitivityLabel.Green, title, "Opening post.");
        for (var n = 1; n <= replies; n++)
        {
            await factory.ReplyAsync(thread.Id, moderator, $"Published reply {n}.");
        }
        return new World(space, moderator, newcomer, reader, thread.Id, title);
    }

    /// <summary>A newcomer's first posts wait for review (Moderation:FirstPostsToReview = 2).</summary>
    private async Task<List<long>> HoldRepliesAsync(World world, int count)
    {
        var held = new List<long>();
        for (var n = 1; n <= count; n++)
        {
            var post = await factory.ReplyAsync(world.ThreadId, world.Newcomer, $"Held reply {n}.");
            Assert.Equal(PostStatus.Pending, post.Status);
            held.Add(post.Id);
        }
        return held;
    }

    private static string RowText(IHtmlDocument page, string title) =>
        page.QuerySelectorAll(".thread-list li").Single(li => li.TextContent.Contains(title, StringComparison.Ordinal)).TextContent;

    [Fact]
    public async Task A_page_of_posts_read_once_for_every_reader_still_shows_a_held_reply_only_to_its_author_and_the_moderators()
    {
        var world = await ThreadAsync(replies: 2);
        await HoldRepliesAsync(world, 1);
        var newcomer = await factory.CreateSignedInBrowserAsync(world.Newcomer);
        var reader = await factory.CreateSignedInBrowserAsync(world.Reader);
        var moderator = await factory.CreateSignedInBrowserAsync(world.Moderator);
        var page = $"/Threads/{world.ThreadId}";
        // Each reader first reads the page once, moving their read mark (a write); the second round finds the page's
        // posts remembered from whoever read them first after the last write, in every order.
        foreach (var round in new[] { 1, 2 })
        {
            foreach (var (browser, seesHeld) in new[] { (newcomer, true), (reader, false), (moderator, true), (reader, false), (newcomer, true) })
            {
                var html = await browser.GetStringAsync(page);
                Assert.Contains("Published reply 2.", html, StringComparison.Ordinal);
                Assert.Equal(seesHeld, html.Contains("Held reply 1.", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task Replies_waiting_in_review_are_not_counted_in_the_space_list_or_on_the_home_page_until_approved()
    {
        var world = await ThreadAsync(replies: 3);
        var held = await HoldRepliesAsync(world, 2);
        Assert.Equal(6, await factory.WithDbAsync(db => db.Threads.Where(t => t.Id == world.ThreadId).Select(t => t.PostCount).SingleAsync()));

        var reader = await factory.CreateSignedInBrowserAsync(world.Reader);
        Assert.Contains("4 posts", RowText(await reader.GetPageAsync($"/Spaces/{world.Space.Slug}"), world.Title), StringComparison.Ordinal);
        Assert.Contains("4 posts", RowText(await reader.GetPageAsync("/"), world.Title), StringComparison.Ordinal);
        // The moderator sees the same number; the held replies are in the review queue, not in the count.
        var moderator = await factory.CreateSignedInBrowserAsync(world.Moderator);
        Assert.Contains("4 posts", RowText(await moderator.GetPageAsync($"/Spaces/{world.Space.Slug}"), world.Title), StringComparison.Ordinal);

        var queue = await moderator.GetPageAsync("/Moderation/Queue");
        await moderator.SubmitAsync(queue, "/Moderation/Queue", new Dictionary<string, string>(), $"form[action*='handler=Approve'][action*='postId={held[0]}']");
        Assert.Equal(PostStatus.Approved, await factory.WithDbAsync(db => db.Posts.Where(p => p.Id == held[0]).Select(p => p.Status).SingleAsync()));

        Assert.Contains("5 posts", RowText(await reader.GetPageAsync($"/Spaces/{world.Space.Slug}"), world.Title), StringComparison.Ordinal);
        Assert.Contains("5 posts", RowText(await reader.GetPageAsync("/"), world.Title), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleted_posts_are_not_counted_in_the_lists()
    {
        var world = await ThreadAsync(replies: 2);
        var reply = await factory.WithDbAsync(db => db.Posts.Where(p => p.ThreadId == world.ThreadId && p.Number == 3).Select(p => p.Id).SingleAsync());
        await factory.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<Posting>().SoftDeleteAsync(reply, CancellationToken.None);
            return 0;
        });

        var reader = await factory.CreateSignedInBrowserAsync(world.Reader);
        Assert.Contains("2 posts", RowText(await reader.GetPageAsync($"/Spaces/{world.Space.Slug}"), world.Title), StringComparison.Ordinal);
        Assert.Contains("2 posts", RowText(await reader.GetPageAsync("/"), world.Title), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_waiting_in_review_does_not_mark_a_read_thread_unread_on_the_home_page()
    {
        var world = await ThreadAsync(replies: 1);
        var reader = await factory.CreateSignedInBrowserAsync(world.Reader);
        await reader.GetPageAsync($"/Threads/{world.ThreadId}");
        Assert.False(MarkedUnread(await reader.GetPageAsync("/"), world.Title));

        await HoldRepliesAsync(world, 1);
        Assert.False(MarkedUnread(await reader.GetPageAsync("/"), world.Title));

        await factory.ReplyAsync(world.ThreadId, world.Moderator, "A published reply after the held one.");
        Assert.True(MarkedUnread(await reader.GetPageAsync("/"), world.Title));
    }

    private static bool MarkedUnread(IHtmlDocument page, string title) =>
        page.QuerySelectorAll(".thread-list li.unread").Any(li => li.TextContent.Contains(title, StringComparison.Ordinal));

    [Fact]
    public async Task A_space_lists_thirty_threads_a_page_by_last_activity_each_with_its_own_post_count()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var author = await factory.CreateMemberAsync();
        var reader = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author, SpaceRole.Moderator);
        await factory.AddToSpaceAsync(space.Id, reader);
        var threads = new List<(long Id, string Title, int Posts)>();
        for (var i = 0; i < 32; i++)
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(1));
            var title = ThreadsWorld.Unique($"Paged {i:00}");
            var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, title, "Opening post.");
            for (var n = 0; n <= i % 3; n++)
            {
                await factory.ReplyAsync(thread.Id, author, $"Reply {n}.");
            }
            threads.Add((thread.Id, title, 2 + i % 3));
        }
        // The oldest thread becomes the most recently active.
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await factory.ReplyAsync(threads[0].Id, author, "Back to the first.");
        threads[0] = threads[0] with { Posts = threads[0].Posts + 1 };
        List<(long Id, string Title, int Posts)> expected = [threads[0], .. threads.Skip(1).Reverse()];

        var browser = await factory.CreateSignedInBrowserAsync(reader);
        var shown = new List<string>();
        foreach (var page in new[] { $"/Spaces/{space.Slug}", $"/Spaces/{space.Slug}?p=2" })
        {
            shown.AddRange((await browser.GetPageAsync(page)).QuerySelectorAll(".thread-list li").Select(li => li.TextContent));
        }

        Assert.Equal(32, shown.Count);
        foreach (var (row, thread) in shown.Zip(expected))
        {
            Assert.Contains(thread.Title, row, StringComparison.Ordinal);
            Assert.Contains($"{thread.Posts} posts", row, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_held_reply_opening_a_new_page_gives_a_reader_no_empty_page()
    {
        // The opening post and 19 replies fill the first page; the held reply would be the first of page two.
        var world = await ThreadAsync(replies: 19);
        await HoldRepliesAsync(world, 1);

        var reader = await factory.CreateSignedInBrowserAsync(world.Reader);
        var page = await reader.GetPageAsync($"/Threads/{world.ThreadId}");
        Assert.Equal(20, page.QuerySelectorAll(".post").Length);
        Assert.Null(page.QuerySelector($"nav.pager a[href='/Threads/{world.ThreadId}?p=2']"));

        var newcomer = await factory.CreateSignedInBrowserAsync(world.Newcomer);
        var own = await newcomer.GetPageAsync($"/Threads/{world.ThreadId}");
        Assert.NotNull(own.QuerySelector($"nav.pager a[href='/Threads/{world.ThreadId}?p=2']"));
    }
}
