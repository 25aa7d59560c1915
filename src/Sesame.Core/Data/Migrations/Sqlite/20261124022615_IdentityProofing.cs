using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sesame.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IdentityProofing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "IdentifiedAt",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ProofingAttempts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    NamHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: true),
                    NasHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: true),
                    Failed = table.Column<bool>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProofingAttempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProofingCases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Route = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonalData = table.Column<byte[]>(type: "BLOB", nullable: true),
                    NamHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: true),
                    NasHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: true),
                    PersonalDataConsentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FirstSection = table.Column<int>(type: "INTEGER", nullable: false),
                    SecondSection = table.Column<int>(type: "INTEGER", nullable: false),
                    PostalSecretHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: true),
                    PostalSecretExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReturnUrl = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    IdentifiedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProofingCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProofingCases_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VerifiedIdentities",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NamHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: true),
                    NasHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: true),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Attributes = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Reasons = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    VerifiedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VerifiedIdentities", x => x.PersonId);
                    table.ForeignKey(
                        name: "FK_VerifiedIdentities_AspNetUsers_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ProofingEvidence",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    RegistryReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CheckedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProofingEvidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProofingEvidence_ProofingCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "ProofingCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProofingAttempts_NamHash_At",
                table: "ProofingAttempts",
                columns: new[] { "NamHash", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ProofingAttempts_NasHash_At",
                table: "ProofingAttempts",
                columns: new[] { "NasHash", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ProofingAttempts_UserId_Kind_At",
                table: "ProofingAttempts",
                columns: new[] { "UserId", "Kind", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ProofingCases_UserId_Status",
                table: "ProofingCases",
                columns: new[] { "UserId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ProofingEvidence_CaseId",
                table: "ProofingEvidence",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_VerifiedIdentities_AccountId",
                table: "VerifiedIdentities",
                column: "AccountId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VerifiedIdentities_NamHash",
                table: "VerifiedIdentities",
                column: "NamHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VerifiedIdentities_NasHash",
                table: "VerifiedIdentities",
                column: "NasHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProofingAttempts");

            migrationBuilder.DropTable(
                name: "ProofingEvidence");

            migrationBuilder.DropTable(
                name: "VerifiedIdentities");

            migrationBuilder.DropTable(
                name: "ProofingCases");

            migrationBuilder.DropColumn(
                name: "IdentifiedAt",
                table: "AspNetUsers");
        }
    }
}
