namespace ReviewWorkflow.Engine.Evaluation;

/// <summary>
/// A step waiting on others (toxicology, a laboratory, the coroner) paused by its officer with a reason and
/// an expected date. Once a supervisor approves it, the step's deadline and ladder stop and run again from
/// the expected date, or from the end of the pause if it ends sooner (<see cref="RestartsAt"/>).
/// </summary>
public sealed record StepPause(string Reason, DateTimeOffset Until, string RequestedBy, DateTimeOffset RequestedAt)
{
    public const string UntilField = "until", DecisionField = "decision", Approve = "approve", Refuse = "refuse";

    public string? ApprovedBy { get; init; }
    public DateTimeOffset? ApprovedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }

    public bool Approved => ApprovedAt is not null;

    /// <summary>When the deadline runs again: the end of the pause, if it ended before the expected date; else the expected date.</summary>
    public DateTimeOffset RestartsAt => EndedAt is { } ended && ended < Until ? ended : Until;

    /// <summary>Awaiting a supervisor's decision.</summary>
    public bool Pending => !Approved;

    /// <summary>In force at <paramref name="now"/>: approved, not ended, the expected date not reached.</summary>
    public bool PausedAt(DateTimeOffset now) => Approved && EndedAt is null && now < Until;

    internal static StepPause From(StepActivity request) =>
        new(request.Note ?? "", request.Fields.GetValueOrDefault(UntilField) is DateTimeValue d ? d.Value : request.At, request.ActorId, request.At);
}
