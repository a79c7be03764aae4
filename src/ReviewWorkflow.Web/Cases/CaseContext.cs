using ReviewWorkflow.Web.Steps;

namespace ReviewWorkflow.Web.Cases;

/// <summary>A case loaded with everything the engine needs to decide about it.</summary>
public sealed record CaseContext(Case Case, WorkflowDefinition Definition, IReadOnlyList<CaseActivity> Activities, CaseState State)
{
    /// <summary>The case officer's display name, read with the case.</summary>
    public required string OfficerName { get; init; }

    /// <summary>Who holds the case's work when not (only) its officer: reassigned steps, a handover in force.</summary>
    public Casework.WorkHolders Holders { get; init; } = Casework.WorkHolders.None;

    /// <summary>Who holds a step now, as My work sees it: its stored assignee, or their cover during a handover; null for a role's step.</summary>
    public UserRefDto? HolderOf(CaseStep? row, StepState state) =>
        row?.AssigneeId is { } a
            ? Holders.Holder(a, state is StepState.Blocked or StepState.Available or StepState.Returned, a == Case.OfficerId ? OfficerName : null)
            : null;

    /// <summary>The colleague holding the case officer's work during a handover in force; null when none.</summary>
    public Casework.Cover? OfficerCover => Holders.Covers.GetValueOrDefault(Case.OfficerId);

    public CaseEvaluation Evaluate() => CaseEvaluator.Evaluate(Definition, State);
}
