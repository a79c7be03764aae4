namespace ReviewWorkflow.Engine.Evaluation;

/// <summary>
/// One step's activities folded into what is in force now: the completion that stands (cleared by a
/// later return, restored by a later completion) and the latest return, kept for its reason and for
/// the fresh deadline of the redo. <see cref="Introduced"/>: when a migration brought the step into the case's workflow.
/// </summary>
internal sealed record StepHistory(StepActivity? Completion, StepActivity? Return)
{
    public StepActivity? Introduced { get; init; }

    /// <summary>The step's pause: asked for, approved or ended; null when none stands (refused, or the step completed or returned since).</summary>
    public StepPause? Pause { get; init; }

    /// <summary>
    /// When the deadline ran again after the last approved pause that a later request replaced: a second
    /// pause asked for must not put the deadline back to before the first one.
    /// </summary>
    public DateTimeOffset? ResumedAt { get; init; }

    public static IReadOnlyDictionary<string, StepHistory> Fold(IEnumerable<StepActivity> activities)
    {
        var histories = new Dictionary<string, StepHistory>(StringComparer.Ordinal);
        // Stable sort: the application records oldest first, and events of one command share a
        // timestamp, so ties must keep the recorded order.
        foreach (var activity in activities.OrderBy(a => a.At))
        {
            var current = histories.GetValueOrDefault(activity.StepKey) ?? new StepHistory(null, null);
            histories[activity.StepKey] = activity.Kind switch
            {
                ActivityKind.Completed => current with { Completion = activity, Pause = null },
                ActivityKind.Returned => current with { Completion = null, Return = activity, Pause = null },
                ActivityKind.PauseRequested => current with
                {
                    Pause = StepPause.From(activity),
                    ResumedAt = current.Pause is { Approved: true } earlier ? earlier.RestartsAt : current.ResumedAt,
                },
                ActivityKind.PauseDecided when current.Pause is { } pause => current with
                {
                    Pause = activity.Fields.GetValueOrDefault(StepPause.DecisionField) is ChoiceValue { Value: StepPause.Approve }
                        ? pause with { ApprovedBy = activity.ActorId, ApprovedAt = activity.At } : null,
                },
                ActivityKind.PauseEnded when current.Pause is { } pause => current with { Pause = pause with { EndedAt = activity.At } },
                ActivityKind.Introduced => current with { Introduced = activity },
                _ => current, // a contribution is work inside the step, not its completion
            };
        }
        return histories;
    }
}
