namespace ReviewWorkflow.Engine.Evaluation;

public enum StepState { Blocked, Available, Completed, Returned, NotApplicable }

/// <summary>
/// One step as the engine sees it now. <see cref="WaitingFor"/> says in words what a blocked step
/// waits for. <see cref="Completion"/> is the latest completion still in force;
/// <see cref="Return"/> the latest return, whose note is the supervisor's reason.
/// <see cref="Lapsed"/> says why a sign-off's approval no longer stands (work it approved changed after it).
/// <see cref="DueAt"/> is <see cref="AppliesSince"/> plus the step's <c>due</c>: null for a step without
/// one, a register (its items have their own), a step that does not apply, and a sign-off that
/// cannot be given yet (nobody can be late with an approval of unfinished work).
/// <see cref="Reopened"/> says why a completed register step is open again (a candidate found after
/// it was completed), and <see cref="ReopenedAt"/> is when: the moment the step applies again.
/// </summary>
public sealed record StepStatus(
    StepDefinition Step,
    StepState State,
    DateTimeOffset? DueAt,
    StepActivity? Completion,
    StepActivity? Return,
    IReadOnlyList<string> WaitingFor,
    string? Lapsed = null,
    string? Reopened = null,
    DateTimeOffset? ReopenedAt = null)
{
    /// <summary>
    /// Since when the step has applied, which its deadline runs from (see <see cref="Deadlines"/>):
    /// null while it does not apply, or for a sign-off while it cannot be given.
    /// </summary>
    public DateTimeOffset? AppliesSince { get; init; }

    /// <summary>When the first level of its ladder falls due; null when it does not escalate now (done, not applicable, no deadline, case closed).</summary>
    public DateTimeOffset? EscalationStartsAt { get; init; }

    /// <summary>The step's pause, asked for or approved (ended ones too, until the step is completed or returned); null when none.</summary>
    public StepPause? Pause { get; init; }
}

public sealed record CaseEvaluation(IReadOnlyList<StepStatus> Steps, bool CanClose, IReadOnlyList<string> Unmet)
{
    public StepStatus? this[string stepKey] => Steps.FirstOrDefault(s => s.Step.Key == stepKey);
}
