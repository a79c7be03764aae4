namespace ReviewWorkflow.Engine.Evaluation;

/// <summary>Computes step states, deadlines and closability (escalation: <see cref="EscalationLadder"/>). Decides; never stores.</summary>
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
}
