namespace ReviewWorkflow.Engine.Evaluation;

/// <summary>
/// The always-visible checklist of what stands between a case and its closure, in words an officer
/// understands (the Met's reviewing-officer checklist). Closing is refused with exactly this list.
/// </summary>
internal static class UnmetRequirements
{
    public static IReadOnlyList<string> For(WorkflowDefinition definition, CaseState state, IReadOnlyList<StepStatus> steps)
    {
        // Information logged after closure is exactly what was ignored before (F5, F9): a closed case
        // still lists its open register items, though nothing else stands between it and closure.
        // So does work that became required after closure (a link found late makes the referral required, F3).
        if (state.Closed)
            return [.. steps.SelectMany(s => RequiredSinceClosure(definition, s, state.Facts).Concat(RegisterLines(s.Step, state.Facts))), .. DirectionLines(state.Facts)];
        var unmet = new List<string>();
        foreach (var status in steps)
        {
            var step = status.Step;
            if (step.Decides == DecisionPurpose.Closure) continue;
            var done = status.State is StepState.Completed or StepState.NotApplicable;

            if (step.Decides == DecisionPurpose.Classification && StillInitial(step, state) && status.State != StepState.NotApplicable)
                // Says more than "not completed" and also catches a case reclassified back to the start.
                unmet.Add(StillInitialLine(step));
            else if (!done && !StepStateResolver.ReopenedByRegister(status, state.Facts))
                unmet.Add(Wording.NotDone(definition, status));

            unmet.AddRange(RegisterLines(step, state.Facts));
        }
        unmet.AddRange(DirectionLines(state.Facts));
        return unmet;
    }

    /// <summary>
    /// Only a step with a condition can have come to apply after closure; the others were done when the case closed,
    /// unless sent back since (an earlier incident at the address recorded late, <see cref="Commands.EarlierIncidents"/>).
    /// </summary>
    private static IEnumerable<string> RequiredSinceClosure(WorkflowDefinition definition, StepStatus status, CaseFacts facts)
    {
        if (status.State == StepState.Returned)
        {
            yield return Wording.NotDone(definition, status);
            yield break;
        }
        if (status.Step.When is null || status.State is StepState.Completed or StepState.NotApplicable) yield break;
        if (StepStateResolver.ReopenedByRegister(status, facts)) yield break;
        yield return Wording.NotDone(definition, status);
    }

    /// <summary>Open linkage candidates or family items of a register step; they block even a completed step.</summary>
    public static IEnumerable<string> RegisterLines(StepDefinition step, CaseFacts facts)
    {
        if (step.Kind == StepKind.Linkage && facts.UndecidedCandidates > 0)
            yield return $"{step.Key}: {Wording.CandidatesNotDispositioned(facts)}";
        if (step.Kind == StepKind.FamilyInformation && facts.OpenFamilyItems > 0)
            yield return $"{step.Key}: {Wording.FamilyItemsOpen(facts)}";
    }

    /// <summary>Each open direction, named: closing over an instruction nobody answered is refused.</summary>
    private static IEnumerable<string> DirectionLines(CaseFacts facts) =>
        facts.OpenDirections.OrderBy(d => d.DueAt).Select(Wording.DirectionOpen);

    public static bool StillInitial(StepDefinition classificationStep, CaseState state) =>
        classificationStep.InitialCategory is { } initial
        && string.Equals(state.Classification, initial, StringComparison.OrdinalIgnoreCase);

    private static string StillInitialLine(StepDefinition step) => $"{step.Key}: still {step.InitialCategory}";
}
