namespace ReviewWorkflow.Web.Casework;

/// <summary>
/// The escalation sweep's index for one direction (<see cref="Escalation.DirectionEscalationSource"/>):
/// kept beside the append-only log rather than in it, since the sweep moves <see cref="NextEscalationAt"/>
/// on as it records levels, and the response sets it to null.
/// </summary>
public sealed class DirectionDeadline
{
    public long NoteId { get; init; }
    public CaseNote? Note { get; init; }
    public Guid CaseId { get; init; }
    public DateTimeOffset DueAt { get; init; }
    /// <summary>When the sweep should next look at the direction; null once answered or every level is recorded.</summary>
    public DateTimeOffset? NextEscalationAt { get; set; }
}
