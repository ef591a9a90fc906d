using Dialogue.Data;
using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Performance;

/// <summary>SQLite picks indexes by the statistics the daily job gathers; without them a member's profile scanned every post.</summary>
public sealed class PlannerStatisticsTests
{
    [Fact]
    public async Task The_statistics_job_lets_sqlite_find_a_members_recent_posts_through_their_own_index()
    {
        using var factory = new DialogueFactory { Provider = DatabaseProvider.Sqlite };
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear);
        var author = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Clear, "Statistics", "First post");
        // Several authors, as on any site: each author's posts are a small share of all posts with the same status.
        for (var a = 0; a < 4; a++)
        {
            var other = await factory.CreateMemberAsync();
            await factory.AddToSpaceAsync(space.Id, other);
            for (var i = 0; i < 4; i++)
            {
                await factory.ReplyAsync(thread.Id, other, $"Reply {a}.{i}");
            }
        }

        await factory.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<SqliteStatistics>().RefreshAsync(CancellationToken.None);
            return true;
        });

        var plan = await factory.WithDbAsync(async db =>
        {
            var stats = await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS Value FROM sqlite_stat1 WHERE tbl = 'Posts'").SingleAsync();
            Assert.True(stats > 0, "no statistics for Posts");
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN SELECT Id FROM Posts WHERE AuthorId = 'x' AND Status = 0 ORDER BY CreatedAt DESC LIMIT 10";
            await using var reader = await command.ExecuteReaderAsync();
            var steps = new List<string>();
            while (await reader.ReadAsync())
            {
                steps.Add(reader.GetString(3));
            }
            return string.Join(" | ", steps);
        });
        Assert.Contains("IX_Posts_AuthorId_CreatedAt", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_new_site_the_search_index_merges_by_key_not_by_scanning_its_table()
    {
        // The app gathers statistics at start-up, on a site with no post yet; had it kept the search index's, FTS5's
        // merges would scan its whole data table once the site filled (the site generator slowed threefold by 20,000 posts).
        using var factory = new DialogueFactory { Provider = DatabaseProvider.Sqlite };
        await factory.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<SqliteStatistics>().RefreshAsync(CancellationToken.None);
            return true;
        });

        var (kept, plan) = await factory.WithDbAsync(async db =>
        {
            var kept = await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS Value FROM sqlite_stat1 WHERE tbl LIKE 'PostSearch%'").SingleAsync();
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN DELETE FROM PostSearch_data WHERE id >= 10 AND id <= 20";
            await using var reader = await command.ExecuteReaderAsync();
            var steps = new List<string>();
            while (await reader.ReadAsync())
            {
                steps.Add(reader.GetString(3));
            }
            return (kept, string.Join(" | ", steps));
        });
        Assert.True(await factory.WithDbAsync(db => db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS Value FROM sqlite_stat1").SingleAsync()) > 0,
            "the job gathered no statistics at all");
        Assert.Equal(0, kept);
        Assert.StartsWith("SEARCH PostSearch_data USING INTEGER PRIMARY KEY", plan, StringComparison.Ordinal);
    }
}
