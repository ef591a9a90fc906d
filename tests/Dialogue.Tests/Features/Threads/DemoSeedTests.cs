using System.Net;
using Dialogue.Tests.Infrastructure;

namespace Dialogue.Tests.Features.Threads;

public sealed class DemoSeedTests(DemoSeedTests.SeededFactory factory) : IClassFixture<DemoSeedTests.SeededFactory>
{
    public sealed class SeededFactory : DialogueFactory
    {
        public SeededFactory() => Settings["Demo:Seed"] = "true";
    }

    [Fact]
    public async Task Demo_site_has_a_public_space_and_a_closed_one()
    {
        var stranger = factory.CreateBrowser();
        var spaces = await stranger.GetPageAsync("/Spaces");
        Assert.Contains("Open research", spaces.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Frontier evaluations", spaces.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var open = await stranger.GetPageAsync("/Spaces/open-research");
        Assert.Contains("Reading list", open.QuerySelector(".thread-list")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("alignment tax", open.QuerySelector(".thread-list")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("/Spaces/frontier-evaluations")).StatusCode);
    }
}
