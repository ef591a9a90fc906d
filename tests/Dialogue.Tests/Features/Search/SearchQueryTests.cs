using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Features.Threads;
using Dialogue.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Search;

/// <summary>
/// A member's search costs the same few queries whether it finds posts in two threads or in twelve: who may read each
/// match, its thread's title, label and space, and its author's name come from the threads' heads and names read in
/// one query each (no query per result); on SQLite, they and the query's matches are remembered until the next write.
/// Both providers.
/// </summary>
public sealed class SearchQueryTests(ThreadPageQueryTests.CountingFactory factory) : IClassFixture<ThreadPageQueryTests.CountingFactory>
{
    private async Task<(int First, int Again)> QueriesForSearchAsync(int threads)
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var word = "qc" + Guid.NewGuid().ToString("N")[..10];
        for (var i = 0; i < threads; i++)
        {
            var author = await factory.CreateMemberAsync();
            await factory.AddToSpaceAsync(space.Id, author);
            var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, ThreadsWorld.Unique("Costs"), $"Opening {word} {i}.");
            await factory.ReplyAsync(thread.Id, author, $"A reply with {word} again.");
        }
        var reader = await factory.CreateSignedInBrowserAsync(await factory.CreateMemberAsync());
        await reader.GetStringAsync("/Search"); // the reader's own look-ups (memberships, the form's spaces) out of the count

        factory.Commands.Reset();
        var page = await reader.GetStringAsync($"/Search?q={word}");
        var first = factory.Commands.Count;
        factory.Commands.Reset();
        var again = await reader.GetStringAsync($"/Search?q={word}");

        Assert.Equal(Math.Min(2 * threads, 20), Hits(page));
        Assert.Equal(Hits(page), Hits(again));
        return (first, factory.Commands.Count);
    }

    private static int Hits(string page) => page.Split("from=search").Length - 1;

    [Fact]
    public async Task A_members_search_asks_no_query_per_result()
    {
        var few = await QueriesForSearchAsync(2);
        var many = await QueriesForSearchAsync(12);

        Assert.Equal(few, many);
        // Where this node's writes are all there are (LocalWrites), a search read once is answered from memory until the
        // next write: SQLite's matches, the threads' heads, the authors' names. With several PostgreSQL nodes each
        // search reads them again, the heads and names in one query each.
        if (factory.Services.GetRequiredService<Dialogue.Web.Infrastructure.Caching.LocalWrites>().Enabled
            && factory.Provider == Dialogue.Web.Infrastructure.Data.DatabaseProvider.Sqlite)
        {
            Assert.True(many.First > 0);
            Assert.Equal(0, many.Again);
        }
    }

    [Fact]
    public async Task A_new_post_is_found_by_the_next_search_of_a_query_answered_from_memory()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var author = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        var word = "qn" + Guid.NewGuid().ToString("N")[..10];
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, ThreadsWorld.Unique("Fresh"), $"Opening {word}.");
        var reader = await factory.CreateSignedInBrowserAsync(await factory.CreateMemberAsync());
        Assert.Equal(1, Hits(await reader.GetStringAsync($"/Search?q={word}")));
        Assert.Equal(1, Hits(await reader.GetStringAsync($"/Search?q={word}")));

        await factory.ReplyAsync(thread.Id, author, $"A reply with {word} too.");

        Assert.Equal(2, Hits(await reader.GetStringAsync($"/Search?q={word}")));
    }
}
