namespace ReviewWorkflow.Web.Escalation;

/// <summary>
/// One rung of the ladder that has been reached for one piece of overdue work: a step of a case
/// (<see cref="ItemId"/> null) or an item of a step's register (a family-information item).
/// Unique per work and level, so a retried or concurrent sweep can never tell anyone twice.
/// </summary>
public sealed class EscalationRecord
{
    public long Id { get; init; }
    public Guid CaseId { get; init; }
    public required string StepKey { get; init; }
    public long? ItemId { get; init; }
    public int Level { get; init; }
    /// <summary>Whom the rung tells: <c>assignee</c>, <c>supervisor</c> or <c>inspector</c>.</summary>
    public required string Notify { get; init; }
    public DateTimeOffset DueAt { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    /// <summary>The outbox message that carries it.</summary>
    public required string MessageId { get; init; }
}
