using ReviewWorkflow.Engine.Definitions;

namespace ReviewWorkflow.Engine.Evaluation;

/// <summary>Computes step states, deadlines, closability and due escalations. Decides; never stores.</summary>
public static class CaseEvaluator
{
    public static CaseEvaluation Evaluate(WorkflowDefinition definition, CaseState state) => throw new NotImplementedException();

    /// <summary>
    /// Escalation levels due at <paramref name="now"/> for open steps (not completed, not
    /// not-applicable, case not closed) that are not in <paramref name="recorded"/>.
    /// </summary>
    public static IReadOnlyList<DueEscalation> DueEscalations(
        WorkflowDefinition definition, CaseState state, DateTimeOffset now,
        IReadOnlySet<(string StepKey, int Level)> recorded) => throw new NotImplementedException();

    /// <summary>Levels of a ladder due for one deadline (used for register items, which have their own).</summary>
    public static IReadOnlyList<EscalationRung> DueRungs(
        IReadOnlyList<EscalationRung> ladder, DateTimeOffset dueAt, DateTimeOffset now, IReadOnlySet<int> recordedLevels) =>
        throw new NotImplementedException();
}
