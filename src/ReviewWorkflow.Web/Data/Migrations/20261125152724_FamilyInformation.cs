using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ReviewWorkflow.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class FamilyInformation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "family_information_items",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    provided_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    provided_by_relationship = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    provided_by_contact = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    how = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    summary = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    named_persons_json = table.Column<string>(type: "jsonb", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    assignee_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    state = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    logged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    logged_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    logged_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    response = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    responded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    responded_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    responded_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_family_information_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_family_information_items_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "family_information_actions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    item_id = table.Column<long>(type: "bigint", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    action = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    outcome = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_family_information_actions", x => x.id);
                    table.ForeignKey(
                        name: "fk_family_information_actions_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_family_information_actions_family_information_items_item_id",
                        column: x => x.item_id,
                        principalTable: "family_information_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_family_information_actions_case_id",
                table: "family_information_actions",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_family_information_actions_item_id_id",
                table: "family_information_actions",
                columns: new[] { "item_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_family_information_items_case_id_number",
                table: "family_information_items",
                columns: new[] { "case_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_family_information_items_due_at",
                table: "family_information_items",
                column: "due_at",
                filter: "state = 'Open'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "family_information_actions");

            migrationBuilder.DropTable(
                name: "family_information_items");
        }
    }
}
