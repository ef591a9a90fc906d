using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Tests.Features.Threads;
using Dialogue.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Access;

/// <summary>"Unread" counts only posts the reader may read: a post waiting in review is no news to those who cannot see it.</summary>
public sealed class UnreadTests(UnreadTests.ReviewingFactory factory) : IClassFixture<UnreadTests.ReviewingFactory>
{
    public sealed class ReviewingFactory : DialogueFactory
    {
        public ReviewingFactory() => Settings["Moderation:FirstPostsToReview"] = "1";

        public ThreadPageQueryTests.Counter Commands { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.ConfigureDbContext<DialogueDbContext>(o => o.AddInterceptors(Commands)));
        }
    }

    private async Task<(Space Space, DialogueUser Moderator, DialogueUser Reader)> SpaceAsync()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var moderator = await factory.CreateMemberAsync();
        var reader = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);
        await factory.AddToSpaceAsync(space.Id, reader);
        return (space, moderator, reader);
    }

    private static async Task<bool> MarkedUnreadAsync(HttpClient client, Space space, string title)
    {
        var page = await client.GetPageAsync($"/Spaces/{space.Slug}");
        var item = page.QuerySelectorAll(".thread-list li").Single(li => li.TextContent.Contains(title, StringComparison.Ordinal));
        return item.ClassList.Contains("unread");
    }

    private static async Task<string?> JumpToFirstUnreadAsync(HttpClient client, long threadId) =>
        (await client.GetPageAsync($"/Threads/{threadId}")).QuerySelectorAll("a.button").FirstOrDefault(a => a.TextContent.Contains("Jump to first unread", StringComparison.Ordinal))
            ?.GetAttribute("href");

    [Fact]
    public async Task A_post_waiting_in_review_leaves_the_thread_read_for_readers_who_cannot_see_it()
    {
        var (space, moderator, reader) = await SpaceAsync();
        var newcomer = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, newcomer);
        var title = ThreadsWorld.Unique("Unread");
        var thread = await factory.StartThreadAsync(space.Id, moderator, SensitivityLabel.Green, title, "opening");
        var client = await factory.CreateSignedInBrowserAsync(reader);
        Assert.True(await MarkedUnreadAsync(client, space, title));
        await client.GetPageAsync($"/Threads/{thread.Id}");
        Assert.False(await MarkedUnreadAsync(client, space, title));

        var pending = await factory.ReplyAsync(thread.Id, newcomer, "a first post, waiting for review");
        Assert.Equal(PostStatus.Pending, pending.Status);
        Assert.False(await MarkedUnreadAsync(client, space, title));
        Assert.Null(await JumpToFirstUnreadAsync(client, thread.Id));
        // The moderator, who sees the pending post, still has news.
        var moderatorClient = await factory.CreateSignedInBrowserAsync(moderator);
        Assert.True(await MarkedUnreadAsync(moderatorClient, space, title));

        var approved = await factory.ReplyAsync(thread.Id, moderator, "an approved reply");
        Assert.True(await MarkedUnreadAsync(client, space, title));
        Assert.Equal($"/Threads/{thread.Id}?p=1#post-{approved.Number}", await JumpToFirstUnreadAsync(client, thread.Id));
        Assert.False(await MarkedUnreadAsync(client, space, title));
    }

    [Fact]
    public async Task The_space_page_costs_the_same_queries_for_three_threads_as_for_twelve()
    {
        var (space, moderator, reader) = await SpaceAsync();
        var client = await factory.CreateSignedInBrowserAsync(reader);

        async Task<int> QueriesAsync()
        {
            await client.GetPageAsync($"/Spaces/{space.Slug}"); // warm: cookie validation, caches
            factory.Commands.Reset();
            await client.GetPageAsync($"/Spaces/{space.Slug}");
            return factory.Commands.Count;
        }

        for (var i = 0; i < 3; i++)
        {
            var thread = await factory.StartThreadAsync(space.Id, moderator, SensitivityLabel.Green, ThreadsWorld.Unique("Few"), "opening");
            await factory.ReplyAsync(thread.Id, moderator, "reply");
        }
        var few = await QueriesAsync();
        for (var i = 0; i < 9; i++)
        {
            var thread = await factory.StartThreadAsync(space.Id, moderator, SensitivityLabel.Green, ThreadsWorld.Unique("Many"), "opening");
            await factory.ReplyAsync(thread.Id, moderator, "reply");
        }
        var many = await QueriesAsync();
        Assert.Equal(few, many);
    }
}
