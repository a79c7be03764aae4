using ReviewWorkflow.Web.Steps;
using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Web.Linkage;

/// <summary>
/// A later death that became a candidate of earlier cases changes what those cases wait for: their
/// linkage step is open again, the approval over it lapses. Their step rows are refreshed in the same
/// transaction, so the case is on its officer's My work (and off the supervisor's queue) at once,
/// not only at the next command on it.
/// </summary>
public static class CandidateArrival
{
    public static async Task RefreshStepsAsync(ReviewDb db, WorkflowRegistry workflows, IReadOnlyCollection<Guid> caseIds, DateTimeOffset now, CancellationToken ct)
    {
        var cases = await db.Cases.AsTracking().Include(c => c.Steps).Where(c => caseIds.Contains(c.Id)).OrderBy(c => c.Id).ToListAsync(ct);
        foreach (var c in cases)
        {
            var activities = await db.CaseActivities.AsNoTracking().Where(a => a.CaseId == c.Id).OrderBy(a => a.Id).ToListAsync(ct);
            var facts = await CaseFactsQuery.ForAsync(db, c, ct);
            var evaluation = Engine.Evaluation.CaseEvaluator.Evaluate(workflows.Get(c.WorkflowKey, c.WorkflowVersion), CaseFactsQuery.ToState(c, activities, facts));
            StepTable.Refresh(c, evaluation, activities, now);
        }
        await db.SaveChangesAsync(ct);
    }
}
