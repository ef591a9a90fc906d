using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Dialogue.Migrations.Postgres.Migrations
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SpaceId = table.Column<long>(type: "bigint", nullable: false),
                    Label = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedById = table.Column<string>(type: "text", nullable: false),
                    Frequency = table.Column<int>(type: "integer", nullable: false),
                    WeekOfMonth = table.Column<int>(type: "integer", nullable: true),
                    TimeZoneId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FirstStart = table.Column<string>(type: "character varying(19)", maxLength: 19, nullable: false),
                    FirstEnd = table.Column<string>(type: "character varying(19)", maxLength: 19, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
