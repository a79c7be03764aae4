using ReviewWorkflow.Web.Steps;

namespace ReviewWorkflow.Web.Cases;

/// <summary>A case loaded with everything the engine needs to decide about it.</summary>
public sealed record CaseContext(Case Case, WorkflowDefinition Definition, IReadOnlyList<CaseActivity> Activities, CaseState State)
{
    /// <summary>The case officer's display name, read with the case.</summary>
    public required string OfficerName { get; init; }

    public CaseEvaluation Evaluate() => CaseEvaluator.Evaluate(Definition, State);
}
