using System.Net;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Tests.Features.Threads;
using Dialogue.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Home;

/// <summary>The home page and the header around every page: what each viewer sees, through the access policy, at a fixed cost.</summary>
public sealed class HomePageTests(ThreadPageQueryTests.CountingFactory factory) : IClassFixture<ThreadPageQueryTests.CountingFactory>
{
    [Fact]
    public async Task Visitor_sees_latest_public_threads_public_spaces_and_the_digest_but_nothing_for_members()
    {
        var author = await factory.CreateMemberAsync();
        var open = await factory.CreateSpaceAsync(SensitivityLabel.Clear, name: ThreadsWorld.Unique("Open space"));
        var members = await factory.CreateSpaceAsync(SensitivityLabel.Green, name: ThreadsWorld.Unique("Members space"));
        await factory.AddToSpaceAsync(open.Id, author);
        await factory.AddToSpaceAsync(members.Id, author);
        var clear = await factory.StartThreadAsync(open.Id, author, SensitivityLabel.Clear, ThreadsWorld.Unique("Public talk"), "hello world");
        var green = await factory.StartThreadAsync(open.Id, author, SensitivityLabel.Green, ThreadsWorld.Unique("Members talk"), "members only");

        var home = await factory.CreateBrowser().GetPageAsync("/");

        var text = home.Body!.TextContent;
        Assert.Contains(clear.Title, text, StringComparison.Ordinal);
        Assert.DoesNotContain(green.Title, text, StringComparison.Ordinal);
        Assert.Contains(open.Name, text, StringComparison.Ordinal);
        Assert.DoesNotContain(members.Name, text, StringComparison.Ordinal);
        Assert.NotNull(home.QuerySelector("main a[href='/Digests/Subscribe']"));
        Assert.NotNull(home.QuerySelector("header a[href='/Digests/Subscribe']"));
        Assert.NotNull(home.QuerySelector("header form[role=search][action='/Search'] input[name=q]"));
    }

    [Fact]
    public async Task Member_sees_unread_threads_they_follow_their_spaces_and_no_thread_they_may_not_read()
    {
        var member = await factory.CreateMemberAsync();
        var other = await factory.CreateMemberAsync();
        var mine = await factory.CreateSpaceAsync(SensitivityLabel.Green, name: ThreadsWorld.Unique("My space"));
        var closed = await factory.CreateSpaceAsync(SensitivityLabel.Amber, SpaceJoinPolicy.Closed, ThreadsWorld.Unique("Closed space"));
        await factory.AddToSpaceAsync(mine.Id, member);
        await factory.AddToSpaceAsync(mine.Id, other);
        await factory.AddToSpaceAsync(closed.Id, other);
        var followed = await factory.StartThreadAsync(mine.Id, member, SensitivityLabel.Green, ThreadsWorld.Unique("Followed"), "my question");
        await factory.ReplyAsync(followed.Id, other, "an answer");
        var amber = await factory.StartThreadAsync(closed.Id, other, SensitivityLabel.Amber, ThreadsWorld.Unique("Amber"), "not for you");

        var home = await (await factory.CreateSignedInBrowserAsync(member)).GetPageAsync("/");

        var unread = home.QuerySelector("section[aria-labelledby=unread-heading]")!.TextContent;
        Assert.Contains(followed.Title, unread, StringComparison.Ordinal);
        var text = home.Body!.TextContent;
        Assert.DoesNotContain(amber.Title, text, StringComparison.Ordinal);
        Assert.Contains(mine.Name, home.QuerySelector("aside")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(closed.Name, home.QuerySelector("aside")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(home.QuerySelector("header details.user-menu a[href='/Digests/Settings']"));
        Assert.Null(home.QuerySelector("header .staff-work"));
    }

    [Fact]
    public async Task Home_page_query_count_does_not_grow_with_the_threads_on_it()
    {
        var member = await factory.CreateMemberAsync();
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        await factory.AddToSpaceAsync(space.Id, member);
        var reader = await factory.CreateSignedInBrowserAsync(member);

        async Task<int> QueriesAsync()
        {
            await reader.GetAsync("/");
            factory.Commands.Reset();
            var response = await reader.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return factory.Commands.Count;
        }

        var thread = await factory.StartThreadAsync(space.Id, member, SensitivityLabel.Green, ThreadsWorld.Unique("One"), "first");
        await factory.ReplyAsync(thread.Id, await factory.CreateMemberAsync(), "unread reply");
        var few = await QueriesAsync();
        for (var i = 0; i < 12; i++)
        {
            var more = await factory.StartThreadAsync(space.Id, member, SensitivityLabel.Green, ThreadsWorld.Unique("More"), "body " + i);
            await factory.ReplyAsync(more.Id, await factory.CreateMemberAsync(), "unread reply " + i);
        }
        var many = await QueriesAsync();

        Assert.Equal(few, many);
        Assert.True(many <= 8, $"{many} queries");
    }

    [Fact]
    public async Task Staff_badge_counts_the_work_waiting_for_a_space_moderator()
    {
        var moderator = await factory.CreateMemberAsync();
        var author = await factory.CreateMemberAsync();
        var applicant = await factory.CreateMemberAsync();
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green, SpaceJoinPolicy.Closed, ThreadsWorld.Unique("Moderated"));
        await factory.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);
        await factory.AddToSpaceAsync(space.Id, author);
        await factory.AddToSpaceAsync(space.Id, applicant, status: SpaceMemberStatus.Requested);
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, ThreadsWorld.Unique("Held"), "first");
        var held = await factory.ReplyAsync(thread.Id, author, "waiting for review");
        await factory.WithDbAsync(db => db.Posts.Where(p => p.Id == held.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PostStatus.Pending)));

        var page = await (await factory.CreateSignedInBrowserAsync(moderator)).GetPageAsync("/Spaces");

        var badge = page.QuerySelector("header .staff-work")!;
        Assert.Equal("2", badge.QuerySelector(".count-badge")!.FirstChild!.TextContent);
        Assert.NotNull(badge.QuerySelector($"a[href='/Spaces/Members?spaceId={space.Id}']"));
        Assert.NotNull(badge.QuerySelector("a[href='/Moderation/Queue']"));
        Assert.Null(badge.QuerySelector("a[href^='/Admin/Members']"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Accounts/SignIn")]
    [InlineData("/Accounts/Register")]
    [InlineData("/Spaces")]
    [InlineData("/Search?q=hello")]
    [InlineData("/Digests/Subscribe")]
    public async Task Pages_carry_no_inline_style_or_script_that_the_CSP_would_block(string url)
    {
        var page = await factory.CreateBrowser().GetPageAsync(url);

        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        Assert.Empty(page.QuerySelectorAll(".errors li"));
    }
}
