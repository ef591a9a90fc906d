using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dialogue.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SearchAtScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
