using ReviewWorkflow.Engine.Commands;

namespace ReviewWorkflow.Web.Workflows;

/// <summary>A workflow version: <c>{"key": "unexplained-death", "version": 1}</c>.</summary>
public sealed record WorkflowVersionRef(string? Key, int? Version)
{
    public override string ToString() => $"{Key} v{Version}";
}

/// <summary>
/// <c>POST /api/admin/migrations</c>: moves open cases from one workflow version to another. <c>cases</c>: ids or
/// references (none: every open case on <c>from</c>); <c>redo</c>: steps to be redone where their completed answers
/// would be lost or invalid on <c>to</c>; <c>apply</c>: false (the default) is the dry run.
/// </summary>
public sealed record MigrationRequest(WorkflowVersionRef? From, WorkflowVersionRef? To, List<string>? Cases, List<string>? Redo, bool Apply = false);

/// <summary>
/// <c>POST /api/cases/{id}/workflow</c>: a supervisor moves one case to the latest version of <c>workflow</c>
/// (the proportionate route to the full procedure, say); <c>apply</c>: false (the default) is the dry run.
/// </summary>
public sealed record CaseMigrationRequest(string? Workflow, List<string>? Redo, bool Apply = false);

/// <summary>One case's plan (see <see cref="MigrationPlan"/>) and whether it was applied; <c>refusals</c> say why not.</summary>
public sealed record CaseMigrationDto(
    Guid CaseId, string Reference, string From, string To, bool CanApply, bool Applied, IReadOnlyList<string> Refusals,
    IReadOnlyList<string> StepsAdded, IReadOnlyList<string> StepsRemoved, IReadOnlyList<string> StepsUnchanged,
    IReadOnlyList<AnswerCarried> AnswersCarried, IReadOnlyList<AnswerLost> AnswersLost, IReadOnlyList<ApprovalLapsing> ApprovalsLapsing,
    IReadOnlyList<NewDeadline> Deadlines, IReadOnlyList<string> Redo);

/// <summary>The whole migration: every case's plan, and how many were (or could be) moved.</summary>
public sealed record MigrationReport(string From, string To, bool Apply, int Cases, int CanApply, int Applied, IReadOnlyList<CaseMigrationDto> Results);
