using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ReviewWorkflow.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Linkage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:btree_gist", ",,")
                .Annotation("Npgsql:PostgresExtension:postgis", ",,");

            migrationBuilder.AddColumn<List<string>>(
                name: "substance_families",
                table: "cases",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AddColumn<Point>(
                name: "place",
                table: "cases",
                type: "geography (Point, 4326)",
                nullable: true,
                computedColumnSql: "(ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography)",
                stored: true);

            migrationBuilder.CreateTable(
                name: "linkage_candidates",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    candidate_case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    score = table.Column<double>(type: "double precision", nullable: false),
                    reasons_json = table.Column<string>(type: "jsonb", nullable: false),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decision = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    rationale = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    decided_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    decided_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_linkage_candidates", x => x.id);
                    table.ForeignKey(
                        name: "fk_linkage_candidates_cases_candidate_case_id",
                        column: x => x.candidate_case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_linkage_candidates_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "linkage_identifiers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    person_key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    label = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_linkage_identifiers", x => x.id);
                    table.ForeignKey(
                        name: "fk_linkage_identifiers_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cases_found_at",
                table: "cases",
                column: "found_at");

            migrationBuilder.CreateIndex(
                name: "ix_cases_place_found_at",
                table: "cases",
                columns: new[] { "place", "found_at" })
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_cases_rare_found_at",
                table: "cases",
                column: "found_at",
                filter: "substance_families && ARRAY['GHB/GBL', 'ketamine', 'mephedrone', 'methamphetamine']::text[]");

            migrationBuilder.CreateIndex(
                name: "ix_cases_rare_place",
                table: "cases",
                column: "place",
                filter: "substance_families && ARRAY['GHB/GBL', 'ketamine', 'mephedrone', 'methamphetamine']::text[]")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_cases_substance_families",
                table: "cases",
                column: "substance_families")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_linkage_candidates_candidate_case_id",
                table: "linkage_candidates",
                column: "candidate_case_id");

            migrationBuilder.CreateIndex(
                name: "ix_linkage_candidates_case_id_candidate_case_id",
                table: "linkage_candidates",
                columns: new[] { "case_id", "candidate_case_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_linkage_candidates_undecided",
                table: "linkage_candidates",
                column: "case_id",
                filter: "decision IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_linkage_identifiers_case_id",
                table: "linkage_identifiers",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_linkage_identifiers_kind_value_id",
                table: "linkage_identifiers",
                columns: new[] { "kind", "value", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "linkage_candidates");

            migrationBuilder.DropTable(
                name: "linkage_identifiers");

            migrationBuilder.DropIndex(
                name: "ix_cases_found_at",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_place_found_at",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_rare_found_at",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_rare_place",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_substance_families",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "place",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "substance_families",
                table: "cases");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:btree_gist", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:postgis", ",,");
        }
    }
}
