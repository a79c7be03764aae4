using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Web.Escalation.Pages;

/// <summary>A step whose pause stands: approved (not overdue meanwhile) or awaiting a supervisor's decision.</summary>
public sealed record PausedStep(Guid CaseId, string Reference, string Team, string StepKey, string StepTitle, DateTimeOffset Until, bool Approved,
    DateTimeOffset? DueAt);

/// <summary>The pauses of open steps on open cases, for the overdue board and the sign-off queue (the <c>_Pauses</c> partial).</summary>
public static class PausedSteps
{
    /// <param name="team">The team, or "" for every team.</param>
    /// <param name="awaitingOnly">Only the pauses awaiting a supervisor's decision (the sign-off queue).</param>
    public static async Task<IReadOnlyList<PausedStep>> ForAsync(ReviewDb db, WorkflowRegistry workflows, string team, CancellationToken ct, bool awaitingOnly = false)
    {
        var rows = await (
            from s in db.CaseSteps.AsNoTracking()
            join c in db.Cases.AsNoTracking() on s.CaseId equals c.Id
            where s.PausedUntil != null && c.Status == CaseStatus.Open && (team == "" || c.Team == team) && !(awaitingOnly && s.PauseApproved)
            orderby c.Team, s.PauseApproved, s.PausedUntil
            select new { c.Id, c.Reference, c.Team, c.WorkflowKey, c.WorkflowVersion, s.Key, Until = s.PausedUntil!.Value, s.PauseApproved, s.DueAt })
            .Take(OverdueModel.ListedPerTeam * 4).ToListAsync(ct);
        return rows.Select(r => new PausedStep(r.Id, r.Reference, r.Team, r.Key,
            workflows.Get(r.WorkflowKey, r.WorkflowVersion).FindStep(r.Key)?.Title ?? r.Key, r.Until, r.PauseApproved, r.DueAt)).ToList();
    }
}
