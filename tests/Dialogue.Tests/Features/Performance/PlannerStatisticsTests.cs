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
}
