using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewWorkflow.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SignOffQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "state_since",
                table: "case_steps",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_case_steps_key_state_since",
                table: "case_steps",
                columns: new[] { "key", "state_since" },
                filter: "state = 'Available'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_case_steps_key_state_since",
                table: "case_steps");

            migrationBuilder.DropColumn(
                name: "state_since",
                table: "case_steps");
        }
    }
}
