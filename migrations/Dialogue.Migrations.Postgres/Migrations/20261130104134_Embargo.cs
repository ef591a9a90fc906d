using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dialogue.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Embargo : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "EmbargoUntil",
                table: "Threads",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "EmbargoUntil",
                table: "Posts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Threads_EmbargoUntil",
                table: "Threads",
                column: "EmbargoUntil");

            migrationBuilder.CreateIndex(
                name: "IX_Posts_EmbargoUntil",
                table: "Posts",
                column: "EmbargoUntil");

            migrationBuilder.CreateIndex(
                name: "IX_Posts_ThreadId_EmbargoUntil",
                table: "Posts",
                columns: new[] { "ThreadId", "EmbargoUntil" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Threads_EmbargoUntil",
                table: "Threads");

            migrationBuilder.DropIndex(
                name: "IX_Posts_EmbargoUntil",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Posts_ThreadId_EmbargoUntil",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "EmbargoUntil",
                table: "Threads");

            migrationBuilder.DropColumn(
                name: "EmbargoUntil",
                table: "Posts");
        }
    }
}
