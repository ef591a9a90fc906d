using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dialogue.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SearchAtScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Search on PostgreSQL (PostgresSearchIndex): case-insensitive substring matching (ILIKE) served by trigram
            // GIN indexes, which need no word breaks (Chinese) and fold case in every script. pg_trgm ships with
            // PostgreSQL (Debian's postgresql package included) and is a trusted extension: the database owner may create it.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("CREATE INDEX \"IX_Posts_PlainText_Trigram\" ON \"Posts\" USING gin (\"PlainText\" gin_trgm_ops);");
            migrationBuilder.Sql("CREATE INDEX \"IX_Threads_Title_Trigram\" ON \"Threads\" USING gin (\"Title\" gin_trgm_ops);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_Threads_Title_Trigram\";");
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_Posts_PlainText_Trigram\";");
        }
    }
}
