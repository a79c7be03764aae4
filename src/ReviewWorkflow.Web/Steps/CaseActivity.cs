namespace ReviewWorkflow.Web.Steps;

/// <summary>
/// One recorded activity on a step (completion, return, contribution). Append-only: a redo is a
/// new row, so earlier answers stay visible to the supervisor and to any later review.
/// </summary>
public sealed class CaseActivity
{
    public long Id { get; init; }
    public Guid CaseId { get; init; }
    public required string StepKey { get; init; }
    public required ActivityKind Kind { get; init; }
    public required string ActorId { get; init; }
    public required string ActorName { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string FieldsJson { get; init; }
    public string? Note { get; init; }
}
