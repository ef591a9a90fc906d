using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dialogue.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SearchScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every indexed text ends with a space, so a two-character term at the very end of a post or title still
            // starts a trigram; the vocabulary lists the trigrams, to find those a two-character term starts.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE PostSearchTerms USING fts5vocab(PostSearch, row);");
            Triggers(migrationBuilder, " || ' '");
            migrationBuilder.Sql("UPDATE PostSearch SET Body = Body || ' ', Title = CASE WHEN Title = '' THEN '' ELSE Title || ' ' END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS PostSearchTerms;");
            Triggers(migrationBuilder, "");
            migrationBuilder.Sql("UPDATE PostSearch SET Body = rtrim(Body, ' '), Title = rtrim(Title, ' ');");
        }

        private static void Triggers(MigrationBuilder migrationBuilder, string end)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS PostSearch_Insert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS PostSearch_Update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS PostSearch_Title;");
            migrationBuilder.Sql($"""
                CREATE TRIGGER PostSearch_Insert AFTER INSERT ON Posts BEGIN
                    INSERT INTO PostSearch(rowid, Title, Body)
                    VALUES (new.Id, CASE WHEN new.Number = 1 THEN (SELECT Title FROM Threads WHERE Id = new.ThreadId){end} ELSE '' END, new.PlainText{end});
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER PostSearch_Update AFTER UPDATE OF PlainText ON Posts BEGIN
                    UPDATE PostSearch SET Body = new.PlainText{end} WHERE rowid = new.Id;
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER PostSearch_Title AFTER UPDATE OF Title ON Threads BEGIN
                    UPDATE PostSearch SET Title = new.Title{end} WHERE rowid IN (SELECT Id FROM Posts WHERE ThreadId = new.Id AND Number = 1);
                END;
                """);
        }
    }
}
