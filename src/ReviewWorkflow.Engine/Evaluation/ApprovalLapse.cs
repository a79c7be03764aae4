namespace ReviewWorkflow.Engine.Evaluation;

/// <summary>
/// A sign-off approves the work as it stood. When that work changes afterwards — a step redone, a
/// candidate dispositioned or a family item actioned, or a step that did not apply becoming
/// required (a late link makes the homicide referral mandatory) — the approval no longer covers
/// it and must be given again; otherwise a case could close on work no supervisor saw (F7, F11).
/// A closed case keeps the approval it closed on: what arrives later is flagged for review instead.
/// </summary>
internal static class ApprovalLapse
{
    /// <summary>Why <paramref name="approval"/> no longer stands, or null when it does.</summary>
    public static string? Reason(
        StepDefinition signOff, StepActivity approval, CaseState state, Func<string, StepStatus?> statusOf)
    {
        foreach (var key in signOff.Approves)
        {
            if (statusOf(key) is not { State: not (StepState.Completed or StepState.NotApplicable) } status) continue;
            // A register reopened by items received later is listed item by item already; the work
            // on those items is recorded as contributions, and that lapses the approval below.
            if (StepStateResolver.ReopenedByItems(status, state.Facts)) continue;
            // A candidate found after the approval: the supervisor approved a linkage check that missed it.
            if (status.Reopened is { } reopened) return $"{key} reopened after the approval: {reopened}";
            return status.State == StepState.Returned
                ? $"{key} was returned after the approval"
                : $"{key} became required after the approval";
        }

        // The same order the evaluator folds in: by time, ties in recorded order, so work recorded
        // after the approval in the same instant still counts as after it.
        var later = state.Activities.OrderBy(a => a.At)
            .SkipWhile(a => !ReferenceEquals(a, approval))
            .Skip(1)
            .FirstOrDefault(a => a.Kind is ActivityKind.Completed or ActivityKind.Contributed && signOff.Approves.Contains(a.StepKey));
        return later switch
        {
            null => null,
            { Kind: ActivityKind.Completed } => $"{later.StepKey} was completed on {Wording.Time(later.At)}, after the approval",
            _ => $"new work in {later.StepKey} on {Wording.Time(later.At)}, after the approval",
        };
    }
}
