using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dialogue.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Glossaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "GlossaryProposals");

            migrationBuilder.DropTable(
                name: "GlossaryConcepts");

            migrationBuilder.DropTable(
                name: "Glossaries");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_GlossaryProposalId",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "GlossaryProposalId",
                table: "Notifications");
        }
    }
}
