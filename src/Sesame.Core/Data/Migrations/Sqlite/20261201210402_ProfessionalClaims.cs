using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sesame.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProfessionalClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ProfessionalServiceCode",
                table: "RelyingParties",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Code",
                table: "Organizations",
                type: "TEXT",
                maxLength: 14,
                nullable: false,
                defaultValue: "");

            // Organizations made before codes existed get a random one (never derived from the id alone), so that
            // the unique index below holds (docs/decisions/0016).
            migrationBuilder.Sql("""UPDATE "Organizations" SET "Code" = 'ORG-' || upper(hex(randomblob(5))) WHERE "Code" = '';""");

            migrationBuilder.CreateIndex(
                name: "IX_RelyingParties_ProfessionalServiceCode",
                table: "RelyingParties",
                column: "ProfessionalServiceCode");

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_Code",
                table: "Organizations",
                column: "Code",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_RelyingParties_ProfessionalServices_ProfessionalServiceCode",
                table: "RelyingParties",
                column: "ProfessionalServiceCode",
                principalTable: "ProfessionalServices",
                principalColumn: "Code",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_RelyingParties_ProfessionalServices_ProfessionalServiceCode",
                table: "RelyingParties");

            migrationBuilder.DropIndex(
                name: "IX_RelyingParties_ProfessionalServiceCode",
                table: "RelyingParties");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_Code",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "ProfessionalServiceCode",
                table: "RelyingParties");

            migrationBuilder.DropColumn(
                name: "Code",
                table: "Organizations");
        }
    }
}
