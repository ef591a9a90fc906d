using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dialogue.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// Review fixes: posts keep their own words as plain text (PlainText), and search indexes that instead of the
    /// Markdown source, which holds words quoted from other posts; outbox messages record the labelled threads they
    /// carry, their culture, a permanent failure and the claiming node; digest ledger rows the claiming node.
    /// The index bodies are emptied here: re-rendering every post at start-up (the renderer version went up) fills
    /// PlainText, and the update trigger refills the index from it.
    /// </summary>
    public partial class ReviewFixes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PlainText",
                table: "Posts",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ClaimedBy",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Culture",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "FailedAt",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClaimedBy",
                table: "DigestLedger",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "OutboxMessageThreads",
                columns: table => new
                {
                    OutboxMessageId = table.Column<long>(type: "INTEGER", nullable: false),
                    ThreadId = table.Column<long>(type: "INTEGER", nullable: false),
                    Label = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessageThreads", x => new { x.OutboxMessageId, x.ThreadId });
                    table.ForeignKey(
                        name: "FK_OutboxMessageThreads_OutboxMessages_OutboxMessageId",
                        column: x => x.OutboxMessageId,
                        principalTable: "OutboxMessages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OutboxMessageThreads_Threads_ThreadId",
                        column: x => x.ThreadId,
                        principalTable: "Threads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessageThreads_ThreadId",
                table: "OutboxMessageThreads",
                column: "ThreadId");

            migrationBuilder.Sql("DROP TRIGGER IF EXISTS PostSearch_Insert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS PostSearch_Update;");
            migrationBuilder.Sql("""
                CREATE TRIGGER PostSearch_Insert AFTER INSERT ON Posts BEGIN
                    INSERT INTO PostSearch(rowid, Title, Body)
                    VALUES (new.Id, CASE WHEN new.Number = 1 THEN (SELECT Title FROM Threads WHERE Id = new.ThreadId) ELSE '' END, new.PlainText);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER PostSearch_Update AFTER UPDATE OF PlainText ON Posts BEGIN
                    UPDATE PostSearch SET Body = new.PlainText WHERE rowid = new.Id;
                END;
                """);
            migrationBuilder.Sql("UPDATE PostSearch SET Body = '';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS PostSearch_Insert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS PostSearch_Update;");
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
            migrationBuilder.Sql("UPDATE PostSearch SET Body = (SELECT Source FROM Posts WHERE Posts.Id = PostSearch.rowid);");

            migrationBuilder.DropTable(
                name: "OutboxMessageThreads");

            migrationBuilder.DropColumn(
                name: "PlainText",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "ClaimedBy",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "Culture",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "FailedAt",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "ClaimedBy",
                table: "DigestLedger");
        }
    }
}
