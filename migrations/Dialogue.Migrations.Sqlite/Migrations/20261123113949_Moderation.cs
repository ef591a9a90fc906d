using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dialogue.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// Full-text search on SQLite: an FTS5 table with the trigram tokenizer (finds text without spaces between words,
    /// such as Chinese), keyed by the post id, kept in step with posts and thread titles by triggers.
    /// </summary>
    public partial class Moderation : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            if (migrationBuilder.ActiveProvider != "Microsoft.EntityFrameworkCore.Sqlite")
            {
                return;
            }
            migrationBuilder.Sql("CREATE VIRTUAL TABLE PostSearch USING fts5(Title, Body, tokenize='trigram');");
            migrationBuilder.Sql("""
                CREATE TRIGGER PostSearch_Insert AFTER INSERT ON Posts BEGIN
                    INSERT INTO PostSearch(rowid, Title, Body)
                    VALUES (new.Id, CASE WHEN new.Number = 1 THEN (SELECT Title FROM Threads WHERE Id = new.ThreadId) ELSE '' END, new.Source);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER PostSearch_Update AFTER UPDATE OF Source ON Posts BEGIN
                    UPDATE PostSearch SET Body = new.Source WHERE rowid = new.Id;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER PostSearch_Delete AFTER DELETE ON Posts BEGIN
                    DELETE FROM PostSearch WHERE rowid = old.Id;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER PostSearch_Title AFTER UPDATE OF Title ON Threads BEGIN
                    UPDATE PostSearch SET Title = new.Title WHERE rowid IN (SELECT Id FROM Posts WHERE ThreadId = new.Id AND Number = 1);
                END;
                """);
            migrationBuilder.Sql("""
                INSERT INTO PostSearch(rowid, Title, Body)
                SELECT p.Id, CASE WHEN p.Number = 1 THEN t.Title ELSE '' END, p.Source FROM Posts p JOIN Threads t ON t.Id = p.ThreadId;
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            if (migrationBuilder.ActiveProvider != "Microsoft.EntityFrameworkCore.Sqlite")
            {
                return;
            }
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS PostSearch_Title;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS PostSearch_Delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS PostSearch_Update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS PostSearch_Insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS PostSearch;");
        }
    }
}
