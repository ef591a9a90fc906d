using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dialogue.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ChathamHouseAndAccessLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PostId",
                table: "ThreadAccessLog",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Surface",
                table: "ThreadAccessLog",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "Page");

            migrationBuilder.AddColumn<bool>(
                name: "ChathamHouse",
                table: "Spaces",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "ThreadPseudonyms",
                columns: table => new
                {
                    ThreadId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThreadPseudonyms", x => new { x.ThreadId, x.UserId });
                    table.ForeignKey(
                        name: "FK_ThreadPseudonyms_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ThreadPseudonyms_Threads_ThreadId",
                        column: x => x.ThreadId,
                        principalTable: "Threads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ThreadAccessLog_At",
                table: "ThreadAccessLog",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_ThreadPseudonyms_ThreadId_Number",
                table: "ThreadPseudonyms",
                columns: new[] { "ThreadId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ThreadPseudonyms_UserId",
                table: "ThreadPseudonyms",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ThreadPseudonyms");

            migrationBuilder.DropIndex(
                name: "IX_ThreadAccessLog_At",
                table: "ThreadAccessLog");

            migrationBuilder.DropColumn(
                name: "PostId",
                table: "ThreadAccessLog");

            migrationBuilder.DropColumn(
                name: "Surface",
                table: "ThreadAccessLog");

            migrationBuilder.DropColumn(
                name: "ChathamHouse",
                table: "Spaces");
        }
    }
}
