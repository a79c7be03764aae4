namespace ReviewWorkflow.Web.Escalation;

/// <summary>Open steps past a rung of their ladder, from <c>case_steps.next_escalation_at</c>.</summary>
public sealed class StepEscalationSource : IEscalationSource
{
    public bool StopsWhenCaseCloses => true;

    public async Task<IReadOnlyList<OverdueWork>> ClaimAsync(ReviewDb db, DateTimeOffset now, int limit, CancellationToken ct)
    {
        // SKIP LOCKED: a second instance sweeping at the same moment takes other rows instead of
        // waiting for (and then repeating) this one's work; a step being changed by a user is
        // taken on the next sweep.
        var rows = await db.Database.SqlQuery<ClaimedStep>($"""
            SELECT case_id, key AS step_key, due_at
            FROM case_steps
            WHERE next_escalation_at <= {now} AND due_at IS NOT NULL
            ORDER BY next_escalation_at
            LIMIT {limit}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct);
        return rows.Select(r => new OverdueWork(r.CaseId, r.StepKey, null, r.DueAt)).ToList();
    }

    public async Task RescheduleAsync(ReviewDb db, IReadOnlyList<(OverdueWork Work, DateTimeOffset? Next)> schedule, CancellationToken ct)
    {
        if (schedule.Count == 0) return;
        var caseIds = schedule.Select(s => s.Work.CaseId).ToArray();
        var keys = schedule.Select(s => s.Work.StepKey).ToArray();
        var next = schedule.Select(s => s.Next).ToArray();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE case_steps AS s SET next_escalation_at = u.next
            FROM unnest({caseIds}, {keys}, {next}) AS u(case_id, key, next)
            WHERE s.case_id = u.case_id AND s.key = u.key
            """, ct);
    }

    private sealed record ClaimedStep(Guid CaseId, string StepKey, DateTimeOffset DueAt);
}
