using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Infrastructure;

namespace Dialogue.Tests.Features.Search;

/// <summary>Ranking, paging and case on both providers: SQLite's FTS5 and PostgreSQL's full-text and trigram indexes.</summary>
public sealed class SearchAtScaleTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    private async Task<long> ClearSpaceWithAuthorAsync(Dialogue.Data.Accounts.DialogueUser author)
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear);
        await factory.AddToSpaceAsync(space.Id, author);
        return space.Id;
    }

    [Fact]
    public async Task Search_ignores_case_in_English_and_Cyrillic()
    {
        var author = await factory.CreateMemberAsync();
        var spaceId = await ClearSpaceWithAuthorAsync(author);
        var marker = "Zq" + Guid.NewGuid().ToString("N")[..8];
        var thread = await factory.StartThreadAsync(spaceId, author, SensitivityLabel.Clear, ThreadsWorld.Unique("Case"),
            $"Interpretability notes {marker} и Проверка моделей");

        var lower = await factory.CreateBrowser().GetPageAsync($"/Search?q={Uri.EscapeDataString(marker.ToLowerInvariant())}");
        var cyrillic = await factory.CreateBrowser().GetPageAsync($"/Search?q={Uri.EscapeDataString("проверка " + marker.ToUpperInvariant())}");

        Assert.Contains(thread.Title, Assert.Single(lower.QuerySelectorAll(".search-results li")).TextContent, StringComparison.Ordinal);
        Assert.Contains(thread.Title, Assert.Single(cyrillic.QuerySelectorAll(".search-results li")).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_are_paged_with_a_snippet_on_every_hit_of_every_page()
    {
        var author = await factory.CreateMemberAsync();
        var spaceId = await ClearSpaceWithAuthorAsync(author);
        var marker = "pg" + Guid.NewGuid().ToString("N")[..8];
        var thread = await factory.StartThreadAsync(spaceId, author, SensitivityLabel.Clear, ThreadsWorld.Unique("Paged"), $"Opening {marker}.");
        for (var i = 0; i < 24; i++)
        {
            await factory.ReplyAsync(thread.Id, author, $"Reply {i} mentions {marker} once.");
        }

        var first = await factory.CreateBrowser().GetPageAsync($"/Search?q={marker}");
        var second = await factory.CreateBrowser().GetPageAsync($"/Search?q={marker}&p=2");

        Assert.Equal(20, first.QuerySelectorAll(".search-results li").Length);
        Assert.NotNull(first.QuerySelector("nav.pager a[href*='p=2']"));
        Assert.Equal(5, second.QuerySelectorAll(".search-results li").Length);
        Assert.All(first.QuerySelectorAll(".search-results .snippet").Concat(second.QuerySelectorAll(".search-results .snippet")),
            snippet => Assert.Equal(marker, snippet.QuerySelector("mark")?.TextContent));
    }
}
