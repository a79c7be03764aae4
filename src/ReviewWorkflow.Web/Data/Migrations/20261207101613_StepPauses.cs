using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewWorkflow.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class StepPauses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_escalations_case_id_step_key_item_id_level",
                table: "escalations");

            migrationBuilder.AddColumn<bool>(
                name: "pause_approved",
                table: "case_steps",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "paused_until",
                table: "case_steps",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_escalations_case_id_step_key_item_id_level_due_at",
                table: "escalations",
                columns: new[] { "case_id", "step_key", "item_id", "level", "due_at" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            // v2's previous-incidents check matches addresses on this normalised text (Linkage/PreviousIncidents.Normalise).
            migrationBuilder.Sql("""
                CREATE INDEX ix_cases_address ON cases ((btrim(regexp_replace(lower(location_description), '[^a-z0-9]+', ' ', 'g'))));
                """);

            migrationBuilder.CreateIndex(
                name: "ix_case_steps_paused_until",
                table: "case_steps",
                column: "paused_until",
                filter: "paused_until IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_cases_address;");

            migrationBuilder.DropIndex(
                name: "ix_escalations_case_id_step_key_item_id_level_due_at",
                table: "escalations");

            migrationBuilder.DropIndex(
                name: "ix_case_steps_paused_until",
                table: "case_steps");

            migrationBuilder.DropColumn(
                name: "pause_approved",
                table: "case_steps");

            migrationBuilder.DropColumn(
                name: "paused_until",
                table: "case_steps");

            migrationBuilder.CreateIndex(
                name: "ix_escalations_case_id_step_key_item_id_level",
                table: "escalations",
                columns: new[] { "case_id", "step_key", "item_id", "level" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);
        }
    }
}
