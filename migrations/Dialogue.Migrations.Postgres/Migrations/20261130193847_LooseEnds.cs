using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dialogue.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LooseEnds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Posts_ThreadId_Status_IsDeleted_EmbargoUntil",
                table: "Posts",
                columns: new[] { "ThreadId", "Status", "IsDeleted", "EmbargoUntil" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Posts_ThreadId_Status_IsDeleted_EmbargoUntil",
                table: "Posts");
        }
    }
}
