using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sesame.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccessRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "MustChangePassword",
                table: "ProfessionalProfiles",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "AccessRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReferenceNumber = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Services = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ExistingUsername = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    User = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UserWork = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UserEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    UserCommittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Authorizer = table.Column<byte[]>(type: "BLOB", nullable: false),
                    AuthorizerEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    AuthorizerRole = table.Column<int>(type: "INTEGER", nullable: false),
                    Scope = table.Column<int>(type: "INTEGER", nullable: false),
                    Installations = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ConfirmationHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    ConfirmationExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AuthorizerAnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    GrantedServices = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DecidedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccessRequests_AspNetUsers_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_AccessRequests_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccessRequests_AccountId",
                table: "AccessRequests",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_AccessRequests_OrganizationId",
                table: "AccessRequests",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_AccessRequests_ReferenceNumber",
                table: "AccessRequests",
                column: "ReferenceNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AccessRequests_State_SubmittedAt",
                table: "AccessRequests",
                columns: new[] { "State", "SubmittedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccessRequests");

            migrationBuilder.DropColumn(
                name: "MustChangePassword",
                table: "ProfessionalProfiles");
        }
    }
}
