namespace ReviewWorkflow.Engine.Commands;

/// <summary>
/// What moving one case from workflow version A to B would do, step by step and answer by answer:
/// the dry run shows it, and applying it records <see cref="Activities"/> (the steps named to redo
/// returned, the steps B adds introduced). <see cref="Refusals"/> say why it cannot be applied.
/// </summary>
public sealed record MigrationPlan(
    IReadOnlyList<string> StepsAdded,
    IReadOnlyList<string> StepsRemoved,
    IReadOnlyList<string> StepsUnchanged,
    IReadOnlyList<AnswerCarried> AnswersCarried,
    IReadOnlyList<AnswerLost> AnswersLost,
    IReadOnlyList<ApprovalLapsing> ApprovalsLapsing,
    IReadOnlyList<NewDeadline> Deadlines,
    IReadOnlyList<string> Redo,
    IReadOnlyList<string> Refusals,
    IReadOnlyList<StepActivity> Activities)
{
    public bool CanApply => Refusals.Count == 0;
}

/// <summary>A completed step's answer B takes over as it is.</summary>
public sealed record AnswerCarried(string Step, string Field);

/// <summary>
/// A completed step's answer that B drops or no longer accepts (or a field B requires that was never answered).
/// <see cref="Blocks"/>: the step stays in B, so its completion would stand on answers it does not have —
/// the move is refused unless the step is named to redo. Answers of a step B removes do not block: the
/// step is gone, and its record stays in the case's history.
/// </summary>
public sealed record AnswerLost(string Step, string Field, string Reason, bool Blocks);

/// <summary>A sign-off that stands on A and would not on B (its approved work changed, or the step is gone).</summary>
public sealed record ApprovalLapsing(string Step, string Reason);

/// <summary>An open step's deadline on B, and what it was on A (null: none, or the step is new).</summary>
public sealed record NewDeadline(string Step, DateTimeOffset? Before, DateTimeOffset DueAt);
