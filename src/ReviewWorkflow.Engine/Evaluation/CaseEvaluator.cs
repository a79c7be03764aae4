namespace ReviewWorkflow.Engine.Evaluation;

/// <summary>Computes step states, deadlines, closability and due escalations. Decides; never stores.</summary>
public static class CaseEvaluator
{
    public static CaseEvaluation Evaluate(WorkflowDefinition definition, CaseState state)
    {
        var histories = StepHistory.Fold(state.Activities);
        var resolver = new StepStateResolver(definition, state, histories);
        var steps = definition.Steps.Select(resolver.Status).ToList();
        var unmet = UnmetRequirements.For(definition, state, steps);
        var closure = steps.FirstOrDefault(s => s.Step.Decides == DecisionPurpose.Closure);
        var canClose = !state.Closed && unmet.Count == 0 && closure is { State: StepState.Available };
        return new CaseEvaluation(steps, canClose, unmet);
    }

    /// <summary>
    /// Escalation levels due at <paramref name="now"/> for the steps that escalate now (see
    /// <see cref="StepStatus.EscalationStartsAt"/>) that are not in <paramref name="recorded"/>.
    /// </summary>
    public static IReadOnlyList<DueEscalation> DueEscalations(
        WorkflowDefinition definition, CaseState state, DateTimeOffset now,
        IReadOnlySet<(string StepKey, int Level)> recorded)
    {
        var due = new List<DueEscalation>();
        foreach (var status in Evaluate(definition, state).Steps)
        {
            if (status is not { EscalationStartsAt: not null, DueAt: { } dueAt }) continue;
            var key = status.Step.Key;
            var recordedLevels = recorded.Where(r => r.StepKey == key).Select(r => r.Level).ToHashSet();
            foreach (var rung in EscalationLadder.DueLevels(definition.LadderFor(status.Step), dueAt, now, recordedLevels))
                due.Add(new DueEscalation(key, rung.Level, rung.Notify, dueAt, now - dueAt));
        }
        return due;
    }
}
