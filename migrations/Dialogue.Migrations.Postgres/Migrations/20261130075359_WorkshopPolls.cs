using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Dialogue.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class WorkshopPolls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WorkshopPollAnswers",
                columns: table => new
                {
                    SlotId = table.Column<long>(type: "bigint", nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    PollId = table.Column<long>(type: "bigint", nullable: false),
                    Choice = table.Column<int>(type: "integer", nullable: false),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkshopPollAnswers", x => new { x.SlotId, x.UserId });
                });

            migrationBuilder.CreateTable(
                name: "WorkshopPollInvitees",
                columns: table => new
                {
                    PollId = table.Column<long>(type: "bigint", nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    InvitedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkshopPollInvitees", x => new { x.PollId, x.UserId });
                    table.ForeignKey(
                        name: "FK_WorkshopPollInvitees_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkshopPolls",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SpaceId = table.Column<long>(type: "bigint", nullable: false),
                    Label = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    DescriptionHtml = table.Column<string>(type: "character varying(40000)", maxLength: 40000, nullable: false),
                    OrganiserId = table.Column<string>(type: "text", nullable: false),
                    TimeZoneId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DurationMinutes = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    DecidedSlotId = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkshopPolls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkshopPolls_AspNetUsers_OrganiserId",
                        column: x => x.OrganiserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_WorkshopPolls_Spaces_SpaceId",
                        column: x => x.SpaceId,
                        principalTable: "Spaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkshopPollSlots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PollId = table.Column<long>(type: "bigint", nullable: false),
                    LocalStart = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkshopPollSlots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkshopPollSlots_WorkshopPolls_PollId",
                        column: x => x.PollId,
                        principalTable: "WorkshopPolls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkshopPollAnswers_PollId",
                table: "WorkshopPollAnswers",
                column: "PollId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkshopPollAnswers_PollId_UserId",
                table: "WorkshopPollAnswers",
                columns: new[] { "PollId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkshopPollInvitees_UserId",
                table: "WorkshopPollInvitees",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkshopPolls_DecidedSlotId",
                table: "WorkshopPolls",
                column: "DecidedSlotId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkshopPolls_OrganiserId",
                table: "WorkshopPolls",
                column: "OrganiserId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkshopPolls_SpaceId",
                table: "WorkshopPolls",
                column: "SpaceId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkshopPollSlots_PollId_LocalStart",
                table: "WorkshopPollSlots",
                columns: new[] { "PollId", "LocalStart" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_WorkshopPollAnswers_WorkshopPollInvitees_PollId_UserId",
                table: "WorkshopPollAnswers",
                columns: new[] { "PollId", "UserId" },
                principalTable: "WorkshopPollInvitees",
                principalColumns: new[] { "PollId", "UserId" },
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_WorkshopPollAnswers_WorkshopPollSlots_SlotId",
                table: "WorkshopPollAnswers",
                column: "SlotId",
                principalTable: "WorkshopPollSlots",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_WorkshopPollInvitees_WorkshopPolls_PollId",
                table: "WorkshopPollInvitees",
                column: "PollId",
                principalTable: "WorkshopPolls",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_WorkshopPolls_WorkshopPollSlots_DecidedSlotId",
                table: "WorkshopPolls",
                column: "DecidedSlotId",
                principalTable: "WorkshopPollSlots",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_WorkshopPolls_WorkshopPollSlots_DecidedSlotId",
                table: "WorkshopPolls");

            migrationBuilder.DropTable(
                name: "WorkshopPollAnswers");

            migrationBuilder.DropTable(
                name: "WorkshopPollInvitees");

            migrationBuilder.DropTable(
                name: "WorkshopPollSlots");

            migrationBuilder.DropTable(
                name: "WorkshopPolls");
        }
    }
}
