using Dialogue.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Infrastructure.Data;

/// <summary>
/// Keeps SQLite's planner statistics current. Without them the planner guesses between equally constrained indexes
/// and picked a walk over every post (by status) for a member's recent posts instead of that member's own index:
/// 17 s instead of 1 ms on a 200,000-post site. PostgreSQL's autovacuum analyses on its own, so this is SQLite only.
/// <para>
/// The search index's own tables (FTS5's PostSearch_*) keep no statistics: FTS5 reads them only by key, which is what
/// SQLite plans without statistics, while statistics taken when they were small (at start-up on a new site) made it
/// scan the whole index table on each of FTS5's merges as the site filled — 10 ms per post at 5,000 posts, 29 ms at
/// 20,000 and rising, in the site generator (docs/performance.md).
/// </para>
/// </summary>
public sealed class SqliteStatistics(DialogueDbContext db)
{
    public const string RecurringJobId = "sqlite-statistics";

    /// <summary>
    /// Gathers statistics for tables that have none or have grown much since (SQLite's own rule), reading a bounded
    /// sample of each index, so it takes milliseconds even on a large file.
    /// </summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;", ct);
            var hasStatistics = await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS Value FROM sqlite_master WHERE name = 'sqlite_stat1'")
                .SingleAsync(ct) > 0;
            if (hasStatistics && await db.Database.ExecuteSqlRawAsync("DELETE FROM sqlite_stat1 WHERE tbl LIKE 'PostSearch\\_%' ESCAPE '\\'", ct) > 0)
            {
                // A connection reads the statistics when it loads the schema: pooled ones would keep the old figures.
                SqliteConnection.ClearPool((SqliteConnection)db.Database.GetDbConnection());
            }
        }
    }
}
