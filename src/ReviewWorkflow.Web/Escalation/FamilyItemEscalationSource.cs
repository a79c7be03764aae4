using ReviewWorkflow.Web.FamilyInformation;
using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Web.Escalation;

/// <summary>
/// Open family-information items past a rung of the register step's ladder, each from its own
/// deadline, from <c>family_information_items.next_escalation_at</c>. Answering the item stops it;
/// closing the case does not, since information after closure is exactly what was ignored before.
/// </summary>
public sealed class FamilyItemEscalationSource(WorkflowRegistry workflows) : IEscalationSource
{
    public bool StopsWhenCaseCloses => false;

    public async Task<IReadOnlyList<OverdueWork>> ClaimAsync(ReviewDb db, DateTimeOffset now, int limit, CancellationToken ct)
    {
        // Column names follow the model's snake_case convention, which SqlQuery applies to ClaimedItem too.
        var rows = await db.Database.SqlQuery<ClaimedItem>($"""
            SELECT i.id AS item_id, i.case_id, i.number, i.due_at, i.received_at, i.assignee_id, c.workflow_key, c.workflow_version
            FROM family_information_items AS i JOIN cases AS c ON c.id = i.case_id
            WHERE i.next_escalation_at <= {now} AND i.state = 'Open'
            ORDER BY i.next_escalation_at
            LIMIT {limit}
            FOR UPDATE OF i SKIP LOCKED
            """).ToListAsync(ct);
        return rows.Select(r => new OverdueWork(r.CaseId,
                workflows.Get(r.WorkflowKey, r.WorkflowVersion).StepOfKind(StepKind.FamilyInformation)?.Key ?? "family-information",
                r.ItemId, r.DueAt,
                // The reference and the time of receipt only: who gave the information is family, and stays out of mail.
                $"item {FamilyInformationItem.ReferenceFor(r.Number)}, received {r.ReceivedAt.UtcDateTime:d MMM yyyy HH:mm} UTC",
                r.AssigneeId))
            .ToList();
    }

    public Task RescheduleAsync(ReviewDb db, IReadOnlyList<(OverdueWork Work, DateTimeOffset? Next)> schedule, CancellationToken ct) =>
        ItemEscalationSchedule.RescheduleAsync(db, "family_information_items", "id", schedule, ct);

    private sealed record ClaimedItem(long ItemId, Guid CaseId, int Number, DateTimeOffset DueAt, DateTimeOffset ReceivedAt, string AssigneeId,
        string WorkflowKey, int WorkflowVersion);
}
