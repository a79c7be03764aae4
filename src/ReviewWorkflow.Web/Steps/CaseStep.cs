namespace ReviewWorkflow.Web.Steps;

/// <summary>
/// The engine's view of one step, kept in a table after every command so lists, queues and the
/// escalation sweep can query it with indexes instead of re-evaluating every case.
/// </summary>
public sealed class CaseStep
{
    public Guid CaseId { get; init; }
    public required string Key { get; init; }
    public StepState State { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public string? AssigneeId { get; set; }
    /// <summary>Whom a supervisor reassigned this step to (Casework/Reassignment); null: the step follows the case officer or its role.</summary>
    public string? AssignedTo { get; set; }
    public string? CompletedBy { get; set; }
    public string? CompletedByName { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>When the escalation sweep should next look at this step; null once nothing is left to escalate.</summary>
    public DateTimeOffset? NextEscalationAt { get; set; }

    /// <summary>The expected end of the step's pause while one stands (asked for, or approved and not ended); null otherwise.</summary>
    public DateTimeOffset? PausedUntil { get; set; }
    /// <summary>Whether that pause is approved; an approved pause is in force until <see cref="PausedUntil"/>.</summary>
    public bool PauseApproved { get; set; }

    /// <summary>When the step entered its current state: how long a sign-off has waited in the queue.</summary>
    public DateTimeOffset? StateSince { get; set; }
    public uint Version { get; set; }
}
