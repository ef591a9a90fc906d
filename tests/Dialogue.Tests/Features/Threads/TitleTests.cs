using System.Net;
using Dialogue.Data.Moderation;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Threads;

public sealed class TitleTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    private Task<ModerationLogEntry[]> LogOfAsync(long threadId) =>
        factory.WithDbAsync(db => db.ModerationLog.Where(e => e.ThreadId == threadId && e.Action == ModerationAction.EditThreadTitle).ToArrayAsync());

    [Fact]
    public async Task The_author_changes_title_and_tags_search_finds_the_new_title_and_the_change_is_logged()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear);
        var author = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        var oldTitle = ThreadsWorld.Unique("Draft title");
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Clear, oldTitle, "opening");
        var browser = await factory.CreateSignedInBrowserAsync(author);
        var word = "zq" + Guid.NewGuid().ToString("N")[..8];
        var newTitle = $"Clearer {word} title";

        var threadPage = await browser.GetPageAsync($"/Threads/{thread.Id}");
        Assert.NotNull(threadPage.QuerySelector($"a[href='/Threads/Title?threadId={thread.Id}']"));
        var response = await browser.SubmitAsync($"/Threads/Title?threadId={thread.Id}", new Dictionary<string, string>
        {
            ["Data.Title"] = newTitle,
            ["Data.Tags"] = "Evals, interpretability",
        });

        var page = await response.ReadPageAsync();
        Assert.Equal(newTitle, page.QuerySelector("h1")!.TextContent);
        Assert.Equal(["evals", "interpretability"], page.QuerySelectorAll("main .tags li").Select(l => l.TextContent).Order(StringComparer.Ordinal));
        var search = await factory.CreateBrowser().GetPageAsync($"/Search?q={word}");
        Assert.Contains(newTitle, search.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var entry = Assert.Single(await LogOfAsync(thread.Id));
        Assert.Equal(author.Id, entry.ActorId);
        Assert.Contains(oldTitle, entry.Reason, StringComparison.Ordinal);
        Assert.Contains(newTitle, entry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_space_moderator_changes_the_title_and_the_log_shows_it()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var author = await factory.CreateMemberAsync();
        var moderator = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        await factory.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, ThreadsWorld.Unique("Vague"), "opening");
        var browser = await factory.CreateSignedInBrowserAsync(moderator);
        var newTitle = ThreadsWorld.Unique("Precise");

        await browser.SubmitAsync($"/Threads/Title?threadId={thread.Id}", new Dictionary<string, string> { ["Data.Title"] = newTitle });

        Assert.Equal(newTitle, await factory.WithDbAsync(db => db.Threads.Where(t => t.Id == thread.Id).Select(t => t.Title).SingleAsync()));
        Assert.Equal(moderator.Id, Assert.Single(await LogOfAsync(thread.Id)).ActorId);
        var log = await browser.GetPageAsync("/Moderation/Log");
        Assert.Contains("changed the title or tags", log.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Others_may_not_change_the_title_and_a_bad_title_changes_nothing()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var author = await factory.CreateMemberAsync();
        var member = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        await factory.AddToSpaceAsync(space.Id, member);
        var title = ThreadsWorld.Unique("Kept");
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, title, "opening");

        var other = await factory.CreateSignedInBrowserAsync(member);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/Threads/Title?threadId={thread.Id}")).StatusCode);
        Assert.Null((await other.GetPageAsync($"/Threads/{thread.Id}")).QuerySelector($"a[href='/Threads/Title?threadId={thread.Id}']"));

        var browser = await factory.CreateSignedInBrowserAsync(author);
        var refused = await (await browser.SubmitAsync($"/Threads/Title?threadId={thread.Id}", new Dictionary<string, string>
        {
            ["Data.Title"] = "   ",
            ["Data.Tags"] = "a, b, c, d, e, f",
        })).ReadPageAsync();
        Assert.NotNull(refused.QuerySelector("[role=alert] li"));
        Assert.Equal(title, await factory.WithDbAsync(db => db.Threads.Where(t => t.Id == thread.Id).Select(t => t.Title).SingleAsync()));
        Assert.Empty(await LogOfAsync(thread.Id));

        // Saving without a change writes no log entry.
        await browser.SubmitAsync($"/Threads/Title?threadId={thread.Id}", new Dictionary<string, string>());
        Assert.Empty(await LogOfAsync(thread.Id));
    }
}
