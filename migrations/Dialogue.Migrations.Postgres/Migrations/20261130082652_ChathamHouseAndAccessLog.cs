using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dialogue.Migrations.Postgres.Migrations
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
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Surface",
                table: "ThreadAccessLog",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "Page");

            migrationBuilder.AddColumn<bool>(
                name: "ChathamHouse",
                table: "Spaces",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "ThreadPseudonyms",
                columns: table => new
                {
                    ThreadId = table.Column<long>(type: "bigint", nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false)
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
