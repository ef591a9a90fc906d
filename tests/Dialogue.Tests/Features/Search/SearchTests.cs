using System.Net;
using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Infrastructure;

namespace Dialogue.Tests.Features.Search;

public sealed class SearchTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    [Fact]
    public async Task Chinese_text_without_spaces_is_found_and_highlighted()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear);
        var author = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Clear, ThreadsWorld.Unique("中文"), $"我推荐关于稀疏自编码器的综述{marker}");

        var page = await factory.CreateBrowser().GetPageAsync($"/Search?q={Uri.EscapeDataString("稀疏自编码器的综述" + marker)}");
        var hit = Assert.Single(page.QuerySelectorAll(".search-results li"));
        Assert.Contains(thread.Title, hit.TextContent, StringComparison.Ordinal);
        Assert.NotNull(hit.QuerySelector(".snippet mark"));
    }

    [Fact]
    public async Task Snippets_are_encoded_before_highlighting_and_short_queries_fall_back_to_like()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear);
        var author = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        var marker = "m" + Guid.NewGuid().ToString("N")[..8];
        await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Clear, ThreadsWorld.Unique("Xss"), $"`<script>alert(1)</script>` {marker} 熵");

        var page = await factory.CreateBrowser().GetPageAsync($"/Search?q={marker}");
        var snippet = Assert.Single(page.QuerySelectorAll(".search-results .snippet"));
        Assert.Null(snippet.QuerySelector("script"));
        Assert.Contains("<script>", snippet.TextContent, StringComparison.Ordinal);
        Assert.Equal(marker, snippet.QuerySelector("mark")!.TextContent);

        var shortQuery = await factory.CreateBrowser().GetPageAsync($"/Search?q={Uri.EscapeDataString("熵 " + marker)}");
        Assert.Single(shortQuery.QuerySelectorAll(".search-results li"));
    }

    [Fact]
    public async Task Filters_and_edits_keep_the_index_in_step()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var author = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        var marker = "e" + Guid.NewGuid().ToString("N")[..8];
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, ThreadsWorld.Unique("Edit"), "old words");
        var browser = await factory.CreateSignedInBrowserAsync(author);
        var first = await factory.FirstPostAsync(thread.Id);
        await browser.SubmitAsync($"/Threads/Edit?postId={first.Id}", new Dictionary<string, string> { ["Data.Body"] = "new words " + marker });

        Assert.Single((await browser.GetPageAsync($"/Search?q={marker}")).QuerySelectorAll(".search-results li"));
        Assert.Single((await browser.GetPageAsync($"/Search?q={marker}&label=Green&author={Uri.EscapeDataString(author.DisplayName)}&spaceId={space.Id}")).QuerySelectorAll(".search-results li"));
        Assert.Empty((await browser.GetPageAsync($"/Search?q={marker}&label=Amber")).QuerySelectorAll(".search-results li"));
        Assert.Empty((await browser.GetPageAsync($"/Search?q={marker}&from=2030-01-01")).QuerySelectorAll(".search-results li"));
        // Signed out: GREEN is not for strangers.
        Assert.Empty((await factory.CreateBrowser().GetPageAsync($"/Search?q={marker}")).QuerySelectorAll(".search-results li"));
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateBrowser().GetAsync("/Search")).StatusCode);
    }
}
