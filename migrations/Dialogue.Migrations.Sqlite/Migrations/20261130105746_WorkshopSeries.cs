using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dialogue.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class WorkshopSeries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WorkshopSeries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SpaceId = table.Column<long>(type: "INTEGER", nullable: false),
                    Label = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", nullable: false),
                    Frequency = table.Column<int>(type: "INTEGER", nullable: false),
                    WeekOfMonth = table.Column<int>(type: "INTEGER", nullable: true),
                    TimeZoneId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FirstStart = table.Column<string>(type: "TEXT", maxLength: 19, nullable: false),
                    FirstEnd = table.Column<string>(type: "TEXT", maxLength: 19, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkshopSeries", x => x.Id);
                    table.CheckConstraint("CK_WorkshopSeries_count", "\"Count\" >= 1");
                    table.ForeignKey(
                        name: "FK_WorkshopSeries_AspNetUsers_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WorkshopSeries_Spaces_SpaceId",
                        column: x => x.SpaceId,
                        principalTable: "Spaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkshopSeries_CreatedById",
                table: "WorkshopSeries",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_WorkshopSeries_SpaceId",
                table: "WorkshopSeries",
                column: "SpaceId");

            migrationBuilder.AddForeignKey(
                name: "FK_Workshops_WorkshopSeries_SeriesId",
                table: "Workshops",
                column: "SeriesId",
                principalTable: "WorkshopSeries",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Workshops_WorkshopSeries_SeriesId",
                table: "Workshops");

            migrationBuilder.DropTable(
                name: "WorkshopSeries");
        }
    }
}
