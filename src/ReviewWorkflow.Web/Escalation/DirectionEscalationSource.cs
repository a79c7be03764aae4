using ReviewWorkflow.Web.Casework;

namespace ReviewWorkflow.Web.Escalation;

/// <summary>
/// A supervisor's open directions past a rung of the workflow's ladder, each from its own due time,
/// from <c>direction_deadlines.next_escalation_at</c>. The first rung tells the direction's assignee
/// (or whoever covers for them: <see cref="Casework.Handovers"/>). The response stops it; closing the case
/// does not, since a direction is listed as unmet until answered.
/// </summary>
public sealed class DirectionEscalationSource : IEscalationSource
{
    /// <summary>The escalation rows' and outbox messages' step key for directions; the note's id is the item.</summary>
    public const string StepKey = "direction";

    public bool StopsWhenCaseCloses => false;

    public async Task<IReadOnlyList<OverdueWork>> ClaimAsync(ReviewDb db, DateTimeOffset now, int limit, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<ClaimedDirection>($"""
            SELECT d.note_id, d.case_id, d.due_at, n.number, n.assignee_id
            FROM direction_deadlines AS d JOIN case_notes AS n ON n.id = d.note_id
            WHERE d.next_escalation_at <= {now}
              AND NOT EXISTS (SELECT 1 FROM direction_responses AS r WHERE r.note_id = d.note_id)
            ORDER BY d.next_escalation_at
            LIMIT {limit}
            FOR UPDATE OF d SKIP LOCKED
            """).ToListAsync(ct);
        return rows.Select(r => new OverdueWork(r.CaseId, StepKey, r.NoteId, r.DueAt,
                AssigneeId: r.AssigneeId, Title: $"Direction {CaseNote.ReferenceFor(NoteKind.Direction, r.Number)}"))
            .ToList();
    }

    public Task RescheduleAsync(ReviewDb db, IReadOnlyList<(OverdueWork Work, DateTimeOffset? Next)> schedule, CancellationToken ct) =>
        ItemEscalationSchedule.RescheduleAsync(db, "direction_deadlines", "note_id", schedule, ct);

    private sealed record ClaimedDirection(long NoteId, Guid CaseId, DateTimeOffset DueAt, int Number, string AssigneeId);
}
