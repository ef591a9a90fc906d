using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Tests.Features.Digests;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Threads;
using Dialogue.Web.Features.Threads.Markdown;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Threads;

/// <summary>Posts stored by renderer version 1 (quoted words baked in, no plain text, an emptied search index) after an upgrade.</summary>
public sealed class OutdatedPostsTests
{
    [Fact]
    public async Task Outdated_posts_are_shown_rendered_in_memory_and_upgraded_by_a_job_enqueued_at_start()
    {
        await using var factory = new DigestsFactory();
        var secret = "oldsecret" + Guid.NewGuid().ToString("N")[..10];
        var own = "oldown" + Guid.NewGuid().ToString("N")[..10];
        var author = await factory.CreateMemberAsync();
        var inner = await factory.CreateSpaceAsync(SensitivityLabel.Amber, SpaceJoinPolicy.Closed);
        var open = await factory.CreateSpaceAsync(SensitivityLabel.Clear);
        await factory.AddToSpaceAsync(inner.Id, author);
        var red = await factory.StartThreadAsync(inner.Id, author, SensitivityLabel.Red, "Red", secret);
        var redPost = await factory.FirstPostAsync(red.Id);
        var thread = await factory.StartThreadAsync(open.Id, author, SensitivityLabel.Clear, "Clear", $"> [quote={redPost.Id}]\n>\n> {secret}\n\n{own}");
        var post = await factory.FirstPostAsync(thread.Id);

        // As version 1 stored it for an author who could not read the quoted post, and as the migration left the index.
        await factory.WithDbAsync(db => db.Posts.Where(p => p.Id == post.Id).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Html, $"<blockquote><p>[quote={redPost.Id}]</p><p>{secret}</p></blockquote><p>{own}</p>")
            .SetProperty(p => p.PlainText, "")
            .SetProperty(p => p.RendererVersion, 1)));
        var visitor = factory.CreateBrowser();
        Assert.Empty((await visitor.GetPageAsync($"/Search?q={own}")).QuerySelectorAll(".search-results li"));

        var page = (await visitor.GetPageAsync($"/Threads/{thread.Id}")).DocumentElement.OuterHtml;
        Assert.DoesNotContain(secret, page, StringComparison.Ordinal);
        Assert.Contains(own, page, StringComparison.Ordinal);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Posts.Where(p => p.Id == post.Id).Select(p => p.RendererVersion).SingleAsync()));

        // A restart (a second app on the same database) finds the outdated post and enqueues the upgrade.
        var restarted = new DigestsFactory();
        await using (restarted)
        {
            restarted.UseDatabase(factory.Database);
            _ = restarted.Services;
            Assert.Contains(restarted.Jobs.Jobs, j => j.Type == typeof(OutdatedPostsJob));
        }

        Assert.True(await factory.WithScopeAsync(sp => sp.GetRequiredService<OutdatedPostsJob>().RunAsync(CancellationToken.None)) >= 1);
        var upgraded = await factory.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.Id == post.Id));
        Assert.Equal(MarkdownRenderer.Version, upgraded.RendererVersion);
        Assert.Equal(own, upgraded.PlainText);
        Assert.Contains($"<blockquote data-quote=\"{redPost.Id}\">", upgraded.Html, StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithScopeAsync(sp => sp.GetRequiredService<OutdatedPostsJob>().RunAsync(CancellationToken.None)));

        Assert.Single((await visitor.GetPageAsync($"/Search?q={own}")).QuerySelectorAll(".search-results li"));
        Assert.Empty((await visitor.GetPageAsync($"/Search?q={secret}")).QuerySelectorAll(".search-results li"));
    }
}
