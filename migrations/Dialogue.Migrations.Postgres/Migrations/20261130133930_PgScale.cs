using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dialogue.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PgScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Found with EXPLAIN ANALYZE on the generated 200,000-post site (docs/performance.md, "PostgreSQL"). PostgreSQL
            // only, as raw SQL like the trigram indexes: the model cannot express the expression below, and SQLite's planner
            // was not measured with them.
            //
            // The home page's latest threads (ORDER BY LastActivityAt DESC, Id DESC LIMIT 15 over what the viewer may read):
            // without it every readable thread (8,000 for a member) was fetched and sorted, 5-13 ms; with it a backward
            // index walk stops after the first fifteen readable ones, 0.05-0.16 ms.
            migrationBuilder.Sql("CREATE INDEX \"IX_Threads_LastActivityAt_Id\" ON \"Threads\" (\"LastActivityAt\", \"Id\");");
            // A space's thread list orders pinned threads first: ORDER BY (PinnedAt IS NOT NULL) DESC, LastActivityAt DESC,
            // Id DESC. Only an index on that expression serves the order; without it all of the space's threads are read and
            // sorted for each page (the page's query 1.6 ms for 400 threads, growing with the space), with it 0.9 ms, most of
            // which is now the per-thread unread check.
            migrationBuilder.Sql("CREATE INDEX \"IX_Threads_SpaceId_Pinned_LastActivityAt_Id\" ON \"Threads\" (\"SpaceId\", (\"PinnedAt\" IS NOT NULL), \"LastActivityAt\", \"Id\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_Threads_SpaceId_Pinned_LastActivityAt_Id\";");
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_Threads_LastActivityAt_Id\";");
        }
    }
}
