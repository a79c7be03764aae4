using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewWorkflow.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class LinkageRareIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_cases_substance_families",
                table: "cases");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_cases_substance_families",
                table: "cases",
                column: "substance_families")
                .Annotation("Npgsql:IndexMethod", "gin");
        }
    }
}
