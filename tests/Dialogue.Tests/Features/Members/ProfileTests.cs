using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Features.Threads;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Members;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Members;

public sealed class ProfileTests(ThreadPageQueryTests.CountingFactory factory) : IClassFixture<ThreadPageQueryTests.CountingFactory>
{
    private Task<DialogueUser> DescribeAsync(DialogueUser user, string zone, AccountStatus status = AccountStatus.Active) =>
        factory.WithDbAsync(async db =>
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.DisplayName, "Ada Lovelace")
                .SetProperty(u => u.Affiliation, "Analytical Engine Society")
                .SetProperty(u => u.Country, "United Kingdom")
                .SetProperty(u => u.TimeZoneId, zone)
                .SetProperty(u => u.Status, status));
            return user;
        });

    [Fact]
    public async Task A_member_sees_another_members_name_affiliation_country_zone_and_local_time()
    {
        var member = await DescribeAsync(await factory.CreateMemberAsync(), "Asia/Shanghai");
        var viewer = await factory.CreateSignedInBrowserAsync(await factory.CreateMemberAsync());

        var response = await viewer.GetAsync($"/Members/{member.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("Ada Lovelace", page.QuerySelector("h1")!.TextContent);
        var facts = page.QuerySelector(".profile-facts")!.TextContent;
        Assert.Contains("Analytical Engine Society", page.QuerySelector(".member-affiliation")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("United Kingdom", facts, StringComparison.Ordinal);
        Assert.Contains("Asia/Shanghai (UTC+08:00)", facts, StringComparison.Ordinal);
        // 09:00 UTC on the test clock is 17:00 in Shanghai, whatever the viewer's own zone.
        var localTime = page.QuerySelector("time[title='Asia/Shanghai']")!;
        var expected = new DateTimeOffset(2026, 11, 23, 17, 0, 0, TimeSpan.FromHours(8)).ToString("f", CultureInfo.GetCultureInfo("en"));
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), localTime.GetAttribute("datetime"));
        Assert.Equal(expected, localTime.TextContent);
        // The generated avatar: initials on a colour derived from the id, drawn without a style attribute (the CSP forbids them).
        var avatar = page.QuerySelector(".member-header svg.avatar")!;
        Assert.Equal("AL", avatar.TextContent);
        Assert.Equal(AvatarTagHelper.ColourOf(member.Id), avatar.QuerySelector("circle")!.GetAttribute("fill"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
    }

    [Fact]
    public async Task Visitors_and_pending_accounts_get_404_and_profiles_of_pending_or_suspended_accounts_are_404()
    {
        var active = await factory.CreateMemberAsync();
        var pending = await DescribeAsync(await factory.CreateMemberAsync(), "UTC", AccountStatus.PendingApproval);
        var suspended = await DescribeAsync(await factory.CreateMemberAsync(), "UTC", AccountStatus.Suspended);
        var member = await factory.CreateSignedInBrowserAsync(await factory.CreateMemberAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowser(followRedirects: false).GetAsync($"/Members/{active.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/Members/{active.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/Members/{pending.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/Members/{suspended.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync("/Members/no-such-member")).StatusCode);

        // An account still awaiting approval may sign in, but profiles are for members.
        var waiting = await DescribeAsync(await factory.CreateMemberAsync(), "UTC", AccountStatus.PendingApproval);
        var pendingViewer = await factory.CreateSignedInBrowserAsync(waiting);
        Assert.Equal(HttpStatusCode.NotFound, (await pendingViewer.GetAsync($"/Members/{active.Id}")).StatusCode);
    }

    [Fact]
    public async Task Profile_lists_recent_posts_with_thread_titles_and_labels_but_not_chatham_house_posts()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var author = await factory.CreateMemberAsync();
        var open = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, ThreadsWorld.Unique("Open"), "words on the record");
        var chatham = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, ThreadsWorld.Unique("Chatham"), "words off the record");
        await factory.WithDbAsync(db => db.Threads.Where(t => t.Id == chatham.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ChathamHouse, true)));
        var viewer = await factory.CreateSignedInBrowserAsync(await factory.CreateMemberAsync());

        var html = await viewer.GetStringAsync($"/Members/{author.Id}");

        var page = new HtmlParser().ParseDocument(html);
        var item = Assert.Single(page.QuerySelectorAll(".member-posts > li"));
        Assert.Equal(open.Title, item.QuerySelector("a")!.TextContent);
        Assert.Contains("tlp-green", item.QuerySelector(".tlp")!.ClassName, StringComparison.Ordinal);
        Assert.Contains("words on the record", item.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(chatham.Title, html, StringComparison.Ordinal);
        Assert.DoesNotContain("words off the record", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_query_count_does_not_grow_with_the_posts_listed()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var viewer = await factory.CreateSignedInBrowserAsync(await factory.CreateMemberAsync());

        async Task<int> QueriesForProfileWithAsync(int threads)
        {
            var author = await factory.CreateMemberAsync();
            for (var i = 0; i < threads; i++)
            {
                await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, ThreadsWorld.Unique("Busy"), $"post {i}");
            }
            factory.Commands.Reset();
            var response = await viewer.GetAsync($"/Members/{author.Id}");
            var count = factory.Commands.Count;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return count;
        }

        var few = await QueriesForProfileWithAsync(1);
        var many = await QueriesForProfileWithAsync(ProfileModel.RecentPostCount);
        Assert.Equal(few, many);
        Assert.True(many <= 4, $"{many} queries for a profile page.");
    }

    [Fact]
    public async Task Thread_page_links_author_names_to_profiles_for_members_and_not_for_visitors()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear);
        var author = await factory.CreateMemberAsync();
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Clear, ThreadsWorld.Unique("Linked"), "hello");
        var member = await factory.CreateSignedInBrowserAsync(await factory.CreateMemberAsync());

        var forMember = new HtmlParser().ParseDocument(await member.GetStringAsync($"/Threads/{thread.Id}"));
        var forVisitor = new HtmlParser().ParseDocument(await factory.CreateBrowser().GetStringAsync($"/Threads/{thread.Id}"));

        Assert.Equal($"/Members/{author.Id}", forMember.QuerySelector(".post-author a")!.GetAttribute("href"));
        Assert.Null(forVisitor.QuerySelector(".post-author a"));
        Assert.Equal(author.DisplayName, forVisitor.QuerySelector(".post-author")!.TextContent);
        Assert.NotNull(forMember.QuerySelector(".post-header svg.avatar"));
        Assert.Empty(forMember.QuerySelectorAll("[style]"));
    }

    [Theory]
    [InlineData("Ada Lovelace", "AL")]
    [InlineData("ada king lovelace", "AL")]
    [InlineData("Grace", "G")]
    [InlineData("王伟", "王")]
    [InlineData("  ", "?")]
    public void Initials_take_the_first_and_last_word_or_one_character_of_a_name_without_spaces(string name, string initials) =>
        Assert.Equal(initials, AvatarTagHelper.Initials(name));

    [Fact]
    public void Avatar_colour_is_stable_per_id_and_differs_across_ids()
    {
        var colours = Enumerable.Range(0, 50).Select(i => AvatarTagHelper.ColourOf($"user-{i}")).ToList();
        Assert.Equal(AvatarTagHelper.ColourOf("user-7"), colours[7]);
        Assert.True(colours.Distinct().Count() > 5);
    }
}
