using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewWorkflow.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_cases_opened_at",
                table: "cases",
                column: "opened_at");

            migrationBuilder.CreateIndex(
                name: "ix_case_activities_returned",
                table: "case_activities",
                column: "case_id",
                filter: "kind = 'Returned'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_cases_opened_at",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_case_activities_returned",
                table: "case_activities");
        }
    }
}
