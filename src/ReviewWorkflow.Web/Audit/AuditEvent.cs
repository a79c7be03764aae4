namespace ReviewWorkflow.Web.Audit;

/// <summary>
/// One entry of the tamper-evident audit trail. <see cref="Hash"/> is the SHA-256 of this entry's
/// content and <see cref="PreviousHash"/>, so altering, deleting or reordering any row breaks every
/// later link. <see cref="Data"/> is kept as text, not jsonb, because jsonb would re-serialise it
/// and the hash must be over the exact bytes written.
/// </summary>
public sealed class AuditEvent
{
    public long Sequence { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string ActorId { get; init; }
    public required string ActorName { get; init; }
    public Guid? CaseId { get; init; }
    public required string Action { get; init; }
    public required string Data { get; init; }
    public required string PreviousHash { get; init; }
    public required string Hash { get; init; }
}
