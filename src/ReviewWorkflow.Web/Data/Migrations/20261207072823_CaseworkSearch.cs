using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ReviewWorkflow.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class CaseworkSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "assigned_to",
                table: "case_steps",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "direction_deadlines",
                columns: table => new
                {
                    note_id = table.Column<long>(type: "bigint", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    next_escalation_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_direction_deadlines", x => x.note_id);
                    table.ForeignKey(
                        name: "fk_direction_deadlines_case_notes_note_id",
                        column: x => x.note_id,
                        principalTable: "case_notes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_direction_deadlines_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "handovers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    team = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    from_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    from_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    to_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    to_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    requested_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    requested_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    approved_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    approved_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_handovers", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_direction_deadlines_case_id",
                table: "direction_deadlines",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_direction_deadlines_next_escalation_at",
                table: "direction_deadlines",
                column: "next_escalation_at",
                filter: "next_escalation_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_handovers_from_id_ends_at",
                table: "handovers",
                columns: new[] { "from_id", "ends_at" });

            migrationBuilder.CreateIndex(
                name: "ix_handovers_to_id_ends_at",
                table: "handovers",
                columns: new[] { "to_id", "ends_at" });

            CaseworkSearchSql.Create(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            CaseworkSearchSql.Drop(migrationBuilder);

            migrationBuilder.DropTable(
                name: "direction_deadlines");

            migrationBuilder.DropTable(
                name: "handovers");

            migrationBuilder.DropColumn(
                name: "assigned_to",
                table: "case_steps");
        }
    }
}
