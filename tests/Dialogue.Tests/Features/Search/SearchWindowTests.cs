using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Infrastructure;

namespace Dialogue.Tests.Features.Search;

/// <summary>
/// A results page ranks a bounded window of the newest readable matches (Search:RankedMatches, small here so a test
/// can cross it); the older matches follow, and no match is lost or shown twice. Both providers.
/// </summary>
public sealed class SearchWindowTests(SearchWindowTests.SmallWindowFactory factory) : IClassFixture<SearchWindowTests.SmallWindowFactory>
{
    public sealed class SmallWindowFactory : DialogueFactory
    {
        public SmallWindowFactory() => Settings["Search:RankedMatches"] = "21";
    }

    private async Task<(long SpaceId, Dialogue.Data.Accounts.DialogueUser Author)> ClearSpaceAsync()
    {
        var author = await factory.CreateMemberAsync();
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear);
        await factory.AddToSpaceAsync(space.Id, author);
        return (space.Id, author);
    }

    private static long PostId(AngleSharp.Dom.IElement hit) =>
        long.Parse(hit.QuerySelector("h3 a")!.GetAttribute("href")!.Split('/', '?')[3], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Every_match_beyond_the_ranked_window_is_reached_by_following_Next_once_and_only_once()
    {
        var (spaceId, author) = await ClearSpaceAsync();
        var marker = "win" + Guid.NewGuid().ToString("N")[..8];
        var thread = await factory.StartThreadAsync(spaceId, author, SensitivityLabel.Clear, ThreadsWorld.Unique("Window"), $"Opening {marker}.");
        var expected = new List<long> { (await factory.FirstPostAsync(thread.Id)).Id };
        for (var i = 0; i < 26; i++)
        {
            expected.Add((await factory.ReplyAsync(thread.Id, author, $"Reply {i} mentions {marker} once.")).Id);
        }
        // A GREEN post with the word: a stranger's pages neither show it nor count it.
        var green = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        await factory.AddToSpaceAsync(green.Id, author);
        await factory.StartThreadAsync(green.Id, author, SensitivityLabel.Green, ThreadsWorld.Unique("Members only"), $"Hidden {marker}.");

        var browser = factory.CreateBrowser();
        var seen = new List<long>();
        var pages = 0;
        for (var url = $"/Search?q={marker}"; url is not null && pages < 10; pages++)
        {
            var page = await browser.GetPageAsync(url);
            var hits = page.QuerySelectorAll(".search-results li");
            Assert.NotEmpty(hits);
            Assert.All(hits, hit => Assert.Equal(marker, hit.QuerySelector(".snippet mark")?.TextContent));
            seen.AddRange(hits.Select(PostId));
            url = page.QuerySelector("nav.pager a[rel=next]")?.GetAttribute("href");
        }

        Assert.Equal(expected.Order(), seen.Order());
        Assert.True(pages >= 2);
    }

    [Fact]
    public async Task A_post_about_the_term_ranks_above_newer_passing_mentions()
    {
        var (spaceId, author) = await ClearSpaceAsync();
        var marker = "rank" + Guid.NewGuid().ToString("N")[..8];
        var about = await factory.StartThreadAsync(spaceId, author, SensitivityLabel.Clear, $"{marker} explained",
            $"{marker} in short: {marker} is measured twice, and {marker} is reported.");
        var passing = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            passing.Add((await factory.ReplyAsync(about.Id, author,
                $"A long reply number {i} about other matters entirely, with one passing mention of {marker} among many other words that are not it.")).Id);
        }

        var page = await factory.CreateBrowser().GetPageAsync($"/Search?q={marker}");
        var order = page.QuerySelectorAll(".search-results li").Select(PostId).ToList();

        Assert.Equal((await factory.FirstPostAsync(about.Id)).Id, order[0]);
        // Equal relevance: the newest first.
        Assert.Equal(passing.AsEnumerable().Reverse(), order.Skip(1));
    }

    [Fact]
    public async Task A_two_character_Chinese_word_is_found_in_the_middle_and_at_the_very_end_of_a_post()
    {
        var (spaceId, author) = await ClearSpaceAsync();
        var end = await factory.StartThreadAsync(spaceId, author, SensitivityLabel.Clear, ThreadsWorld.Unique("结尾"), "这一节讨论熵增");
        var middle = await factory.StartThreadAsync(spaceId, author, SensitivityLabel.Clear, ThreadsWorld.Unique("中间"), "熵增与压缩有关。");
        await factory.StartThreadAsync(spaceId, author, SensitivityLabel.Clear, ThreadsWorld.Unique("单字"), "只有一个熵字。");

        var page = await factory.CreateBrowser().GetPageAsync($"/Search?q={Uri.EscapeDataString("熵增")}");
        var hits = page.QuerySelectorAll(".search-results li");

        Assert.Equal(
            new[] { (await factory.FirstPostAsync(end.Id)).Id, (await factory.FirstPostAsync(middle.Id)).Id }.Order(),
            hits.Select(PostId).Order());
        Assert.All(hits, hit => Assert.Equal("熵增", hit.QuerySelector(".snippet mark")?.TextContent));
    }
}
