using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sesame.Core.Data.Migrations.Postgres
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "AccessRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReferenceNumber = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Services = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ExistingUsername = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    User = table.Column<byte[]>(type: "bytea", nullable: false),
                    UserWork = table.Column<byte[]>(type: "bytea", nullable: false),
                    UserEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    UserCommittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Authorizer = table.Column<byte[]>(type: "bytea", nullable: false),
                    AuthorizerEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    AuthorizerRole = table.Column<int>(type: "integer", nullable: false),
                    Scope = table.Column<int>(type: "integer", nullable: false),
                    Installations = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ConfirmationHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    ConfirmationExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AuthorizerAnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    GrantedServices = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    RejectionReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DecidedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: true)
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
