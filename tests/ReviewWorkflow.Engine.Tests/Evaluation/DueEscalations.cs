using ReviewWorkflow.Engine.Definitions;
using ReviewWorkflow.Engine.Evaluation;

namespace ReviewWorkflow.Engine.Tests.Evaluation;

/// <summary>An escalation level that has become due for a step and is not yet recorded.</summary>
public sealed record DueEscalation(string StepKey, int Level, string Notify, DateTimeOffset DueAt, TimeSpan Overdue);

/// <summary>
/// The escalation levels due at a moment, read the way the sweep reads them: each step that escalates
/// now (<see cref="StepStatus.EscalationStartsAt"/>) climbs its ladder (<see cref="EscalationLadder"/>)
/// from its deadline, skipping the levels already recorded.
/// </summary>
public static class DueEscalations
{
    public static IReadOnlyList<DueEscalation> Of(
        WorkflowDefinition definition, CaseState state, DateTimeOffset now,
        IReadOnlySet<(string StepKey, int Level)> recorded)
    {
        var due = new List<DueEscalation>();
        foreach (var status in CaseEvaluator.Evaluate(definition, state).Steps)
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
