namespace ReviewWorkflow.Web.Steps;

/// <summary>Copies the engine's view of each step into the case's step rows (tracked; saved by the caller).</summary>
public static class StepTable
{
    /// <param name="at">When this evaluation holds from (default: the case's last update); a row whose state changes starts its <see cref="CaseStep.StateSince"/> then.</param>
    public static void Refresh(Case c, CaseEvaluation evaluation, IReadOnlyList<CaseActivity> activities, DateTimeOffset? at = null)
    {
        foreach (var status in evaluation.Steps)
        {
            var row = c.Steps.FirstOrDefault(s => s.Key == status.Step.Key);
            var existed = row is not null;
            if (row is null)
            {
                row = new CaseStep { CaseId = c.Id, Key = status.Step.Key };
                c.Steps.Add(row);
            }
            var completion = status.Completion is { } done
                ? activities.LastOrDefault(a => a.StepKey == done.StepKey && a.Kind == ActivityKind.Completed && a.At == done.At)
                : null;
            // New rows start at Blocked (the enum's default) in memory; give them a start time too.
            if (row.State != status.State || row.StateSince is null) row.StateSince = at ?? c.UpdatedAt;
            // The sweep's index: the engine's escalation start, kept as the sweep moved it while the deadline stands.
            row.NextEscalationAt = EscalationLadder.NextAfterChange(status, existed && IsOpen(row.State), row.DueAt, row.NextEscalationAt);
            row.State = status.State;
            row.DueAt = status.DueAt;
            // Officer-level work is the case officer's; supervisor and inspector steps belong to the team's role, not a person;
            // a step a supervisor reassigned is its new holder's.
            row.AssigneeId = row.AssignedTo ?? (status.Step.Role == Roles.Officer ? c.OfficerId : null);
            row.CompletedBy = completion?.ActorId;
            row.CompletedByName = completion?.ActorName;
            row.CompletedAt = completion?.At;
            // Lists show a pause from here; one that reached its expected date without being ended is read as over by the time.
            var pause = status.Pause is { EndedAt: null } p && IsOpen(status.State) ? p : null;
            row.PausedUntil = pause?.Until;
            row.PauseApproved = pause?.Approved ?? false;
        }
    }

    private static bool IsOpen(StepState state) => state is StepState.Blocked or StepState.Available or StepState.Returned;
}
