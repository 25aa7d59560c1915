using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sesame.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditTrail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Subject = table.Column<Guid>(type: "TEXT", nullable: true),
                    Service = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Organization = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Nature = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: true),
                    PreviousHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: true),
                    Hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditRecords", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditRecords_Code_OccurredAt",
                table: "AuditRecords",
                columns: new[] { "Code", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditRecords_Sequence",
                table: "AuditRecords",
                column: "Sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditRecords_Subject_OccurredAt",
                table: "AuditRecords",
                columns: new[] { "Subject", "OccurredAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditRecords");
        }
    }
}
