namespace ReviewWorkflow.Engine.Evaluation;

/// <summary>
/// A step's deadline runs from when the step applies, not from case opening: a homicide referral
/// required by a link found weeks after opening was overdue — and escalated — the moment it applied.
/// A step applies from the latest of: case opening; the moment its <c>when</c> last became true
/// (<see cref="ConditionEvaluator.HoldsSince"/>); its latest return; its introduction by a migration; the end of an
/// approved pause (<see cref="StepPause.RestartsAt"/>: the ladder stops meanwhile); for the linkage step, its
/// reopening by a new candidate (<see cref="LinkageReopenedAt"/>). A sign-off applies only
/// once it can be given — from the last work on what it approves — so nobody is told about an
/// approval that nobody can give yet. Other steps waiting on earlier work keep their deadline: one late
/// step must not silence the steps after it, which are late too. Everything is read from the record
/// (activities and facts), so the case page, the step table and the sweep compute the same deadline.
/// </summary>
internal static class Deadlines
{
    /// <param name="whenSince">Since when the step's <c>when</c> has held (null: it has none).</param>
    /// <param name="prerequisites">The steps it waits for, resolved.</param>
    public static (DateTimeOffset? AppliesSince, DateTimeOffset? DueAt) For(
        StepDefinition step, StepState stepState, StepHistory history, CaseState state, DateTimeOffset? whenSince,
        IEnumerable<StepStatus> prerequisites)
    {
        if (stepState == StepState.NotApplicable) return (null, null);
        var since = Latest(state.OpenedAt, whenSince, history.Return?.At, history.Introduced?.At,
            history.Pause is { Approved: true } pause ? pause.RestartsAt : null, history.ResumedAt,
            step.Kind == StepKind.Linkage && history.Completion is { } completed ? LinkageReopenedAt(completed, state.Facts) : null);
        if (step.Kind == StepKind.SignOff)
        {
            if (stepState == StepState.Blocked) return (null, null);
            foreach (var done in prerequisites.Where(p => p.State == StepState.Completed))
                since = Latest(since, LastWorkOn(done.Step.Key, state));
        }
        // A register has no deadline of its own: each item's runs from its receipt.
        var dueAt = step.Due is { } due && step.Kind != StepKind.FamilyInformation ? since + due : (DateTimeOffset?)null;
        return (since, dueAt);
    }

    /// <summary>When the first level of the step's ladder falls due, while it is open on an open case.</summary>
    public static DateTimeOffset? EscalationStart(WorkflowDefinition definition, StepStatus status, bool caseClosed) =>
        !caseClosed && status is { State: StepState.Blocked or StepState.Available or StepState.Returned, DueAt: { } dueAt }
            ? EscalationLadder.NextAt(definition.LadderFor(status.Step), dueAt, NoneRecorded)
            : null;

    /// <summary>
    /// When a completed linkage step opened again: the first undecided candidate found after the
    /// completion (completing refuses while any is undecided, so any undecided one came later).
    /// </summary>
    public static DateTimeOffset? LinkageReopenedAt(StepActivity completion, CaseFacts facts) =>
        facts.UndecidedCandidateList.Where(c => c.FoundAt >= completion.At).Select(c => (DateTimeOffset?)c.FoundAt).Min();

    private static DateTimeOffset? LastWorkOn(string stepKey, CaseState state) =>
        state.Activities.Where(a => a.StepKey == stepKey).Select(a => (DateTimeOffset?)a.At).Max();

    private static readonly IReadOnlySet<int> NoneRecorded = new HashSet<int>();

    private static DateTimeOffset Latest(DateTimeOffset first, params ReadOnlySpan<DateTimeOffset?> others)
    {
        var latest = first;
        foreach (var t in others)
            if (t is { } v && v > latest) latest = v;
        return latest;
    }
}
