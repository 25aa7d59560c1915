using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sesame.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccountSecurity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Device",
                table: "UserSessions",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Methods",
                table: "UserSessions",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ClosureRequestedAt",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "LocationAlertsEnabled",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "AccountRecoveries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AvailableAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountRecoveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccountRecoveries_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SignInPlaces",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlaceHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    FirstSeenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignInPlaces", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SignInPlaces_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_ClosureRequestedAt",
                table: "AspNetUsers",
                column: "ClosureRequestedAt");

            migrationBuilder.CreateIndex(
                name: "IX_AccountRecoveries_UserId_RequestedAt",
                table: "AccountRecoveries",
                columns: new[] { "UserId", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SignInPlaces_UserId_PlaceHash",
                table: "SignInPlaces",
                columns: new[] { "UserId", "PlaceHash" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccountRecoveries");

            migrationBuilder.DropTable(
                name: "SignInPlaces");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_ClosureRequestedAt",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Device",
                table: "UserSessions");

            migrationBuilder.DropColumn(
                name: "Methods",
                table: "UserSessions");

            migrationBuilder.DropColumn(
                name: "ClosureRequestedAt",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "LocationAlertsEnabled",
                table: "AspNetUsers");
        }
    }
}
