using ReviewWorkflow.Engine.Definitions;

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
    /// Escalation levels due at <paramref name="now"/> for open steps (not completed, not
    /// not-applicable, case not closed) that are not in <paramref name="recorded"/>.
    /// Blocked and returned steps escalate too: a deadline runs from opening whether or not the
    /// work before it was done on time, otherwise one late step would silence every step after it.
    /// </summary>
    public static IReadOnlyList<DueEscalation> DueEscalations(
        WorkflowDefinition definition, CaseState state, DateTimeOffset now,
        IReadOnlySet<(string StepKey, int Level)> recorded)
    {
        if (state.Closed) return [];
        var due = new List<DueEscalation>();
        foreach (var status in Evaluate(definition, state).Steps)
        {
            if (status.State is StepState.Completed or StepState.NotApplicable || status.DueAt is not { } dueAt) continue;
            var key = status.Step.Key;
            var recordedLevels = recorded.Where(r => r.StepKey == key).Select(r => r.Level).ToHashSet();
            foreach (var rung in DueRungs(definition.LadderFor(status.Step), dueAt, now, recordedLevels))
                due.Add(new DueEscalation(key, rung.Level, rung.Notify, dueAt, now - dueAt));
        }
        return due;
    }

    /// <summary>Levels of a ladder due for one deadline (used for register items, which have their own).</summary>
    public static IReadOnlyList<EscalationRung> DueRungs(
        IReadOnlyList<EscalationRung> ladder, DateTimeOffset dueAt, DateTimeOffset now, IReadOnlySet<int> recordedLevels) =>
        ladder.Where(rung => dueAt + rung.After <= now && !recordedLevels.Contains(rung.Level)).ToList();
}
