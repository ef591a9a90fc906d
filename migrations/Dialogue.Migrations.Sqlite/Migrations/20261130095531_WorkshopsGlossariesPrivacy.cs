using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dialogue.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class WorkshopsGlossariesPrivacy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PostId",
                table: "ThreadAccessLog",
                type: "INTEGER",
                nullable: true);

            // Reads logged before surfaces were recorded were all thread page views.
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

            migrationBuilder.AddColumn<bool>(
                name: "GlossaryLinksOff",
                table: "Posts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "GlossaryProposalId",
                table: "Notifications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Glossaries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SpaceId = table.Column<long>(type: "INTEGER", nullable: true),
                    Label = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Glossaries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Glossaries_AspNetUsers_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Glossaries_Spaces_SpaceId",
                        column: x => x.SpaceId,
                        principalTable: "Spaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

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

            migrationBuilder.CreateTable(
                name: "WorkshopCalendarFeeds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    IncludeRed = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkshopCalendarFeeds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkshopCalendarFeeds_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkshopPolls",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SpaceId = table.Column<long>(type: "INTEGER", nullable: false),
                    Label = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    DescriptionHtml = table.Column<string>(type: "TEXT", maxLength: 40000, nullable: false),
                    OrganiserId = table.Column<string>(type: "TEXT", nullable: false),
                    TimeZoneId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedSlotId = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
                name: "Workshops",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SpaceId = table.Column<long>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DescriptionSource = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    DescriptionHtml = table.Column<string>(type: "TEXT", nullable: false),
                    Label = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", nullable: false),
                    TimeZoneId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LocalStart = table.Column<string>(type: "TEXT", maxLength: 19, nullable: false),
                    LocalEnd = table.Column<string>(type: "TEXT", maxLength: 19, nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    OnlineLink = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Venue = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: true),
                    RegistrationMode = table.Column<int>(type: "INTEGER", nullable: false),
                    ThreadId = table.Column<long>(type: "INTEGER", nullable: true),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    RegistrationVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelledById = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SeriesId = table.Column<long>(type: "INTEGER", nullable: true),
                    OccurrenceIndex = table.Column<int>(type: "INTEGER", nullable: true),
                    MinutesSource = table.Column<string>(type: "TEXT", maxLength: 40000, nullable: true),
                    MinutesHtml = table.Column<string>(type: "TEXT", nullable: true),
                    MinutesUpdatedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Workshops", x => x.Id);
                    table.CheckConstraint("CK_Workshops_ends_after_start", "\"EndsAt\" > \"StartsAt\"");
                    table.ForeignKey(
                        name: "FK_Workshops_AspNetUsers_CancelledById",
                        column: x => x.CancelledById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Workshops_AspNetUsers_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Workshops_Spaces_SpaceId",
                        column: x => x.SpaceId,
                        principalTable: "Spaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Workshops_Threads_ThreadId",
                        column: x => x.ThreadId,
                        principalTable: "Threads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "GlossaryConcepts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GlossaryId = table.Column<long>(type: "INTEGER", nullable: false),
                    SubjectField = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ThreadId = table.Column<long>(type: "INTEGER", nullable: true),
                    IsDeleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    RevisionNumber = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GlossaryConcepts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GlossaryConcepts_Glossaries_GlossaryId",
                        column: x => x.GlossaryId,
                        principalTable: "Glossaries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GlossaryConcepts_Threads_ThreadId",
                        column: x => x.ThreadId,
                        principalTable: "Threads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "GlossaryEditors",
                columns: table => new
                {
                    GlossaryId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    AppointedById = table.Column<string>(type: "TEXT", nullable: true),
                    AppointedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GlossaryEditors", x => new { x.GlossaryId, x.UserId });
                    table.ForeignKey(
                        name: "FK_GlossaryEditors_AspNetUsers_AppointedById",
                        column: x => x.AppointedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_GlossaryEditors_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GlossaryEditors_Glossaries_GlossaryId",
                        column: x => x.GlossaryId,
                        principalTable: "Glossaries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkshopPollInvitees",
                columns: table => new
                {
                    PollId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    InvitedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    table.ForeignKey(
                        name: "FK_WorkshopPollInvitees_WorkshopPolls_PollId",
                        column: x => x.PollId,
                        principalTable: "WorkshopPolls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkshopPollSlots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PollId = table.Column<long>(type: "INTEGER", nullable: false),
                    LocalStart = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "WorkshopOrganisers",
                columns: table => new
                {
                    WorkshopId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    AddedById = table.Column<string>(type: "TEXT", nullable: true),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkshopOrganisers", x => new { x.WorkshopId, x.UserId });
                    table.ForeignKey(
                        name: "FK_WorkshopOrganisers_AspNetUsers_AddedById",
                        column: x => x.AddedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_WorkshopOrganisers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_WorkshopOrganisers_Workshops_WorkshopId",
                        column: x => x.WorkshopId,
                        principalTable: "Workshops",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkshopRegistrations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkshopId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StatusChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    WaitingSince = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedById = table.Column<string>(type: "TEXT", nullable: true),
                    InvitedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PromotedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkshopRegistrations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkshopRegistrations_AspNetUsers_DecidedById",
                        column: x => x.DecidedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_WorkshopRegistrations_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_WorkshopRegistrations_Workshops_WorkshopId",
                        column: x => x.WorkshopId,
                        principalTable: "Workshops",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkshopSessions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkshopId = table.Column<long>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Speakers = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    LocalStart = table.Column<string>(type: "TEXT", maxLength: 19, nullable: false),
                    LocalEnd = table.Column<string>(type: "TEXT", maxLength: 19, nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkshopSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkshopSessions_Workshops_WorkshopId",
                        column: x => x.WorkshopId,
                        principalTable: "Workshops",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GlossaryConceptLanguages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConceptId = table.Column<long>(type: "INTEGER", nullable: false),
                    LanguageTag = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    Definition = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    DefinitionSource = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GlossaryConceptLanguages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GlossaryConceptLanguages_GlossaryConcepts_ConceptId",
                        column: x => x.ConceptId,
                        principalTable: "GlossaryConcepts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GlossaryConceptRelations",
                columns: table => new
                {
                    ConceptId = table.Column<long>(type: "INTEGER", nullable: false),
                    RelatedConceptId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GlossaryConceptRelations", x => new { x.ConceptId, x.RelatedConceptId });
                    table.ForeignKey(
                        name: "FK_GlossaryConceptRelations_GlossaryConcepts_ConceptId",
                        column: x => x.ConceptId,
                        principalTable: "GlossaryConcepts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GlossaryConceptRelations_GlossaryConcepts_RelatedConceptId",
                        column: x => x.RelatedConceptId,
                        principalTable: "GlossaryConcepts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GlossaryProposals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GlossaryId = table.Column<long>(type: "INTEGER", nullable: false),
                    ConceptId = table.Column<long>(type: "INTEGER", nullable: true),
                    BaseRevisionNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    ProposerId = table.Column<string>(type: "TEXT", nullable: false),
                    SnapshotJson = table.Column<string>(type: "TEXT", maxLength: 200000, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewerId = table.Column<string>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GlossaryProposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GlossaryProposals_AspNetUsers_ProposerId",
                        column: x => x.ProposerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GlossaryProposals_AspNetUsers_ReviewerId",
                        column: x => x.ReviewerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_GlossaryProposals_Glossaries_GlossaryId",
                        column: x => x.GlossaryId,
                        principalTable: "Glossaries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GlossaryProposals_GlossaryConcepts_ConceptId",
                        column: x => x.ConceptId,
                        principalTable: "GlossaryConcepts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GlossaryTerms",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConceptId = table.Column<long>(type: "INTEGER", nullable: false),
                    GlossaryId = table.Column<long>(type: "INTEGER", nullable: false),
                    LanguageTag = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NormalizedText = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    PartOfSpeech = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    UsageContext = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GlossaryTerms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GlossaryTerms_Glossaries_GlossaryId",
                        column: x => x.GlossaryId,
                        principalTable: "Glossaries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GlossaryTerms_GlossaryConcepts_ConceptId",
                        column: x => x.ConceptId,
                        principalTable: "GlossaryConcepts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkshopPollAnswers",
                columns: table => new
                {
                    SlotId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    PollId = table.Column<long>(type: "INTEGER", nullable: false),
                    Choice = table.Column<int>(type: "INTEGER", nullable: false),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkshopPollAnswers", x => new { x.SlotId, x.UserId });
                    table.ForeignKey(
                        name: "FK_WorkshopPollAnswers_WorkshopPollInvitees_PollId_UserId",
                        columns: x => new { x.PollId, x.UserId },
                        principalTable: "WorkshopPollInvitees",
                        principalColumns: new[] { "PollId", "UserId" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_WorkshopPollAnswers_WorkshopPollSlots_SlotId",
                        column: x => x.SlotId,
                        principalTable: "WorkshopPollSlots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkshopSessionSpeakers",
                columns: table => new
                {
                    SessionId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkshopSessionSpeakers", x => new { x.SessionId, x.UserId });
                    table.ForeignKey(
                        name: "FK_WorkshopSessionSpeakers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_WorkshopSessionSpeakers_WorkshopSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "WorkshopSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GlossaryConceptRevisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConceptId = table.Column<long>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SnapshotJson = table.Column<string>(type: "TEXT", maxLength: 200000, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ProposalId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GlossaryConceptRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GlossaryConceptRevisions_AspNetUsers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_GlossaryConceptRevisions_GlossaryConcepts_ConceptId",
                        column: x => x.ConceptId,
                        principalTable: "GlossaryConcepts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GlossaryConceptRevisions_GlossaryProposals_ProposalId",
                        column: x => x.ProposalId,
                        principalTable: "GlossaryProposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ThreadAccessLog_At",
                table: "ThreadAccessLog",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_GlossaryProposalId",
                table: "Notifications",
                column: "GlossaryProposalId");

            migrationBuilder.CreateIndex(
                name: "IX_Glossaries_CreatedById",
                table: "Glossaries",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_Glossaries_Label",
                table: "Glossaries",
                column: "Label");

            migrationBuilder.CreateIndex(
                name: "IX_Glossaries_SpaceId",
                table: "Glossaries",
                column: "SpaceId");

            migrationBuilder.CreateIndex(
                name: "IX_GlossaryConceptLanguages_ConceptId_LanguageTag",
                table: "GlossaryConceptLanguages",
                columns: new[] { "ConceptId", "LanguageTag" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GlossaryConceptRelations_RelatedConceptId",
                table: "GlossaryConceptRelations",
                column: "RelatedConceptId");

            migrationBuilder.CreateIndex(
                name: "IX_GlossaryConceptRevisions_AuthorId",
                table: "GlossaryConceptRevisions",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_GlossaryConceptRevisions_ConceptId_Number",
                table: "GlossaryConceptRevisions",
                columns: new[] { "ConceptId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GlossaryConceptRevisions_CreatedAt",
                table: "GlossaryConceptRevisions",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_GlossaryConceptRevisions_ProposalId",
                table: "GlossaryConceptRevisions",
                column: "ProposalId");

            migrationBuilder.CreateIndex(
                name: "IX_GlossaryConcepts_GlossaryId_IsDeleted_SubjectField",
                table: "GlossaryConcepts",
                columns: new[] { "GlossaryId", "IsDeleted", "SubjectField" });

            migrationBuilder.CreateIndex(
                name: "IX_GlossaryConcepts_GlossaryId_UpdatedAt",
                table: "GlossaryConcepts",
                columns: new[] { "GlossaryId", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_GlossaryConcepts_ThreadId",
                table: "GlossaryConcepts",
                column: "ThreadId");

            migrationBuilder.CreateIndex(
                name: "IX_GlossaryEditors_AppointedById",
                table: "GlossaryEditors",
                column: "AppointedById");

            migrationBuilder.CreateIndex(
                name: "IX_GlossaryEditors_UserId",
                table: "GlossaryEditors",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_GlossaryProposals_ConceptId",
                table: "GlossaryProposals",
                column: "ConceptId");

            migrationBuilder.CreateIndex(
                name: "IX_GlossaryProposals_GlossaryId_Status_CreatedAt",
                table: "GlossaryProposals",
                columns: new[] { "GlossaryId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_GlossaryProposals_ProposerId_CreatedAt",
                table: "GlossaryProposals",
                columns: new[] { "ProposerId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_GlossaryProposals_ReviewerId",
                table: "GlossaryProposals",
                column: "ReviewerId");

            migrationBuilder.CreateIndex(
                name: "IX_GlossaryTerms_ConceptId_LanguageTag_NormalizedText",
                table: "GlossaryTerms",
                columns: new[] { "ConceptId", "LanguageTag", "NormalizedText" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GlossaryTerms_GlossaryId_LanguageTag_NormalizedText",
                table: "GlossaryTerms",
                columns: new[] { "GlossaryId", "LanguageTag", "NormalizedText" });

            migrationBuilder.CreateIndex(
                name: "IX_GlossaryTerms_NormalizedText_LanguageTag",
                table: "GlossaryTerms",
                columns: new[] { "NormalizedText", "LanguageTag" });

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
                name: "IX_ThreadPseudonyms_ThreadId_Number",
                table: "ThreadPseudonyms",
                columns: new[] { "ThreadId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ThreadPseudonyms_UserId",
                table: "ThreadPseudonyms",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_UserSessions_UserId_EndedAt",
                table: "UserSessions",
                columns: new[] { "UserId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkshopCalendarFeeds_TokenHash",
                table: "WorkshopCalendarFeeds",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkshopCalendarFeeds_UserId",
                table: "WorkshopCalendarFeeds",
                column: "UserId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkshopOrganisers_AddedById",
                table: "WorkshopOrganisers",
                column: "AddedById");

            migrationBuilder.CreateIndex(
                name: "IX_WorkshopOrganisers_UserId",
                table: "WorkshopOrganisers",
                column: "UserId");

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

            migrationBuilder.CreateIndex(
                name: "IX_WorkshopRegistrations_DecidedById",
                table: "WorkshopRegistrations",
                column: "DecidedById");

            migrationBuilder.CreateIndex(
                name: "IX_WorkshopRegistrations_UserId_Status",
                table: "WorkshopRegistrations",
                columns: new[] { "UserId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkshopRegistrations_WorkshopId_Status_WaitingSince",
                table: "WorkshopRegistrations",
                columns: new[] { "WorkshopId", "Status", "WaitingSince" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkshopRegistrations_WorkshopId_UserId",
                table: "WorkshopRegistrations",
                columns: new[] { "WorkshopId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Workshops_CancelledById",
                table: "Workshops",
                column: "CancelledById");

            migrationBuilder.CreateIndex(
                name: "IX_Workshops_CreatedById",
                table: "Workshops",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_Workshops_SeriesId_OccurrenceIndex",
                table: "Workshops",
                columns: new[] { "SeriesId", "OccurrenceIndex" });

            migrationBuilder.CreateIndex(
                name: "IX_Workshops_SpaceId_StartsAt",
                table: "Workshops",
                columns: new[] { "SpaceId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Workshops_StartsAt",
                table: "Workshops",
                column: "StartsAt");

            migrationBuilder.CreateIndex(
                name: "IX_Workshops_ThreadId",
                table: "Workshops",
                column: "ThreadId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkshopSessions_WorkshopId_SortOrder",
                table: "WorkshopSessions",
                columns: new[] { "WorkshopId", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkshopSessionSpeakers_UserId",
                table: "WorkshopSessionSpeakers",
                column: "UserId");

            migrationBuilder.AddForeignKey(
                name: "FK_Notifications_GlossaryProposals_GlossaryProposalId",
                table: "Notifications",
                column: "GlossaryProposalId",
                principalTable: "GlossaryProposals",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Notifications_GlossaryProposals_GlossaryProposalId",
                table: "Notifications");

            migrationBuilder.DropTable(
                name: "GlossaryConceptLanguages");

            migrationBuilder.DropTable(
                name: "GlossaryConceptRelations");

            migrationBuilder.DropTable(
                name: "GlossaryConceptRevisions");

            migrationBuilder.DropTable(
                name: "GlossaryEditors");

            migrationBuilder.DropTable(
                name: "GlossaryTerms");

            migrationBuilder.DropTable(
                name: "RetentionPeriods");

            migrationBuilder.DropTable(
                name: "RetentionPurges");

            migrationBuilder.DropTable(
                name: "ThreadPseudonyms");

            migrationBuilder.DropTable(
                name: "UserSessions");

            migrationBuilder.DropTable(
                name: "WorkshopCalendarFeeds");

            migrationBuilder.DropTable(
                name: "WorkshopOrganisers");

            migrationBuilder.DropTable(
                name: "WorkshopPollAnswers");

            migrationBuilder.DropTable(
                name: "WorkshopRegistrations");

            migrationBuilder.DropTable(
                name: "WorkshopSessionSpeakers");

            migrationBuilder.DropTable(
                name: "GlossaryProposals");

            migrationBuilder.DropTable(
                name: "WorkshopPollInvitees");

            migrationBuilder.DropTable(
                name: "WorkshopPollSlots");

            migrationBuilder.DropTable(
                name: "WorkshopSessions");

            migrationBuilder.DropTable(
                name: "GlossaryConcepts");

            migrationBuilder.DropTable(
                name: "WorkshopPolls");

            migrationBuilder.DropTable(
                name: "Workshops");

            migrationBuilder.DropTable(
                name: "Glossaries");

            migrationBuilder.DropIndex(
                name: "IX_ThreadAccessLog_At",
                table: "ThreadAccessLog");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_GlossaryProposalId",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "PostId",
                table: "ThreadAccessLog");

            migrationBuilder.DropColumn(
                name: "Surface",
                table: "ThreadAccessLog");

            migrationBuilder.DropColumn(
                name: "ChathamHouse",
                table: "Spaces");

            migrationBuilder.DropColumn(
                name: "GlossaryLinksOff",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "GlossaryProposalId",
                table: "Notifications");
        }
    }
}
