using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ReviewWorkflow.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Escalation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "sent_to",
                table: "outbox_messages",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "step_key",
                table: "outbox_messages",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "next_escalation_at",
                table: "family_information_items",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "next_escalation_at",
                table: "case_steps",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "escalations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    step_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    item_id = table.Column<long>(type: "bigint", nullable: true),
                    level = table.Column<int>(type: "integer", nullable: false),
                    notify = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    message_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_escalations", x => x.id);
                    table.ForeignKey(
                        name: "fk_escalations_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_state_created_at",
                table: "outbox_messages",
                columns: new[] { "state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_family_information_items_next_escalation_at",
                table: "family_information_items",
                column: "next_escalation_at",
                filter: "next_escalation_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_case_steps_next_escalation_at",
                table: "case_steps",
                column: "next_escalation_at",
                filter: "next_escalation_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_escalations_case_id_step_key_item_id_level",
                table: "escalations",
                columns: new[] { "case_id", "step_key", "item_id", "level" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "escalations");

            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_state_created_at",
                table: "outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_family_information_items_next_escalation_at",
                table: "family_information_items");

            migrationBuilder.DropIndex(
                name: "ix_case_steps_next_escalation_at",
                table: "case_steps");

            migrationBuilder.DropColumn(
                name: "sent_to",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "step_key",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "next_escalation_at",
                table: "family_information_items");

            migrationBuilder.DropColumn(
                name: "next_escalation_at",
                table: "case_steps");
        }
    }
}
