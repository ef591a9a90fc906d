using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dialogue.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SeriesRemindersEmbargoReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "MinutesAnnouncedAt",
                table: "Workshops",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "EmbargoUntil",
                table: "Threads",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "EmbargoUntil",
                table: "Posts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AccessReviewIntervals",
                columns: table => new
                {
                    SpaceId = table.Column<long>(type: "INTEGER", nullable: false),
                    Days = table.Column<int>(type: "INTEGER", nullable: false),
                    SetById = table.Column<string>(type: "TEXT", nullable: true),
                    SetAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessReviewIntervals", x => x.SpaceId);
                    table.ForeignKey(
                        name: "FK_AccessReviewIntervals_AspNetUsers_SetById",
                        column: x => x.SetById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_AccessReviewIntervals_Spaces_SpaceId",
                        column: x => x.SpaceId,
                        principalTable: "Spaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AccessReviews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SpaceId = table.Column<long>(type: "INTEGER", nullable: false),
                    ThreadId = table.Column<long>(type: "INTEGER", nullable: true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LapsesAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccessReviews_Spaces_SpaceId",
                        column: x => x.SpaceId,
                        principalTable: "Spaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AccessReviews_Threads_ThreadId",
                        column: x => x.ThreadId,
                        principalTable: "Threads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OutboxAttachments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OutboxMessageId = table.Column<long>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutboxAttachments_OutboxMessages_OutboxMessageId",
                        column: x => x.OutboxMessageId,
                        principalTable: "OutboxMessages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessageSubjects",
                columns: table => new
                {
                    OutboxMessageId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    SubjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    Label = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessageSubjects", x => new { x.OutboxMessageId, x.Kind, x.SubjectId });
                    table.ForeignKey(
                        name: "FK_OutboxMessageSubjects_OutboxMessages_OutboxMessageId",
                        column: x => x.OutboxMessageId,
                        principalTable: "OutboxMessages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkshopReminders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkshopId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    LeadMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    ScheduledFor = table.Column<long>(type: "INTEGER", nullable: false),
                    OutboxMessageId = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkshopReminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkshopReminders_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_WorkshopReminders_OutboxMessages_OutboxMessageId",
                        column: x => x.OutboxMessageId,
                        principalTable: "OutboxMessages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_WorkshopReminders_Workshops_WorkshopId",
                        column: x => x.WorkshopId,
                        principalTable: "Workshops",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

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

            migrationBuilder.CreateTable(
                name: "AccessReviewItems",
                columns: table => new
                {
                    ReviewId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Role = table.Column<int>(type: "INTEGER", nullable: false),
                    JoinedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DecidedById = table.Column<string>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessReviewItems", x => new { x.ReviewId, x.UserId });
                    table.ForeignKey(
                        name: "FK_AccessReviewItems_AccessReviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "AccessReviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AccessReviewItems_AspNetUsers_DecidedById",
                        column: x => x.DecidedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_AccessReviewItems_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

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

            migrationBuilder.CreateIndex(
                name: "IX_AccessReviewIntervals_SetById",
                table: "AccessReviewIntervals",
                column: "SetById");

            migrationBuilder.CreateIndex(
                name: "IX_AccessReviewItems_DecidedById",
                table: "AccessReviewItems",
                column: "DecidedById");

            migrationBuilder.CreateIndex(
                name: "IX_AccessReviewItems_UserId",
                table: "AccessReviewItems",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AccessReviews_ClosedAt_SpaceId",
                table: "AccessReviews",
                columns: new[] { "ClosedAt", "SpaceId" });

            migrationBuilder.CreateIndex(
                name: "IX_AccessReviews_Key",
                table: "AccessReviews",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AccessReviews_SpaceId",
                table: "AccessReviews",
                column: "SpaceId");

            migrationBuilder.CreateIndex(
                name: "IX_AccessReviews_ThreadId",
                table: "AccessReviews",
                column: "ThreadId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxAttachments_OutboxMessageId",
                table: "OutboxAttachments",
                column: "OutboxMessageId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkshopReminders_OutboxMessageId",
                table: "WorkshopReminders",
                column: "OutboxMessageId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkshopReminders_UserId",
                table: "WorkshopReminders",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkshopReminders_WorkshopId_LeadMinutes_ScheduledFor_UserId",
                table: "WorkshopReminders",
                columns: new[] { "WorkshopId", "LeadMinutes", "ScheduledFor", "UserId" },
                unique: true);

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
                name: "AccessReviewIntervals");

            migrationBuilder.DropTable(
                name: "AccessReviewItems");

            migrationBuilder.DropTable(
                name: "OutboxAttachments");

            migrationBuilder.DropTable(
                name: "OutboxMessageSubjects");

            migrationBuilder.DropTable(
                name: "WorkshopReminders");

            migrationBuilder.DropTable(
                name: "WorkshopSeries");

            migrationBuilder.DropTable(
                name: "AccessReviews");

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
                name: "MinutesAnnouncedAt",
                table: "Workshops");

            migrationBuilder.DropColumn(
                name: "EmbargoUntil",
                table: "Threads");

            migrationBuilder.DropColumn(
                name: "EmbargoUntil",
                table: "Posts");
        }
    }
}
