using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewWorkflow.Web.Data.Migrations
{
    /// <summary>
    /// Steps and family-information items opened before the sweep existed get their escalation
    /// schedule: without it the sweep, which reads only scheduled work, would never notice them.
    /// </summary>
    public partial class EscalationBackfill : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE case_steps AS s SET next_escalation_at = s.due_at
                FROM cases AS c
                WHERE c.id = s.case_id AND c.status = 'Open' AND s.due_at IS NOT NULL
                  AND s.state IN ('Blocked', 'Available', 'Returned') AND s.next_escalation_at IS NULL;
                UPDATE family_information_items SET next_escalation_at = due_at
                WHERE state = 'Open' AND next_escalation_at IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The schedule columns themselves go with the Escalation migration's Down.
        }
    }
}
