using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dialogue.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PersonalDataAndRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RetentionPeriods",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SpaceId = table.Column<long>(type: "INTEGER", nullable: true),
                    ThreadId = table.Column<long>(type: "INTEGER", nullable: true),
                    Days = table.Column<int>(type: "INTEGER", nullable: false),
                    SetById = table.Column<string>(type: "TEXT", nullable: true),
                    SetAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionPeriods", x => x.Id);
                    table.CheckConstraint("CK_RetentionPeriods_one_target", "(\"SpaceId\" IS NULL) <> (\"ThreadId\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_RetentionPeriods_AspNetUsers_SetById",
                        column: x => x.SetById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_RetentionPeriods_Spaces_SpaceId",
                        column: x => x.SpaceId,
                        principalTable: "Spaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RetentionPeriods_Threads_ThreadId",
                        column: x => x.ThreadId,
                        principalTable: "Threads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RetentionPurges",
                columns: table => new
                {
                    ThreadId = table.Column<long>(type: "INTEGER", nullable: false),
                    PurgedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PostsPurged = table.Column<int>(type: "INTEGER", nullable: false),
                    Days = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionPurges", x => x.ThreadId);
                    table.ForeignKey(
                        name: "FK_RetentionPurges_Threads_ThreadId",
                        column: x => x.ThreadId,
                        principalTable: "Threads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UserSessions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Device = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StampHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UserSessions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RetentionPeriods_SetById",
                table: "RetentionPeriods",
                column: "SetById");

            migrationBuilder.CreateIndex(
                name: "IX_RetentionPeriods_SpaceId",
                table: "RetentionPeriods",
                column: "SpaceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RetentionPeriods_ThreadId",
                table: "RetentionPeriods",
                column: "ThreadId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UserSessions_UserId_EndedAt",
                table: "UserSessions",
                columns: new[] { "UserId", "EndedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RetentionPeriods");

            migrationBuilder.DropTable(
                name: "RetentionPurges");

            migrationBuilder.DropTable(
                name: "UserSessions");
        }
    }
}
