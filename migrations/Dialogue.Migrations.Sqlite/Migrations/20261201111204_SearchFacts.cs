using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dialogue.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SearchFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // What search asks of each matched post (SqliteSearchIndex), in an index narrow enough that a batch of
            // matches reads a few pages instead of one table page per post. Outside the model, like the FTS5 table:
            // PostgreSQL searches another way and does not need it.
            migrationBuilder.Sql("""
                CREATE INDEX IX_Posts_SearchFacts ON Posts (Id, ThreadId, Number, AuthorId, Status, IsDeleted, EmbargoUntil, CreatedAt);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS IX_Posts_SearchFacts;");
        }
    }
}
