namespace ReviewWorkflow.Engine.Evaluation;

/// <summary>
/// One step's activities folded into what is in force now: the completion that stands (cleared by a
/// later return, restored by a later completion) and the latest return, kept for its reason and for
/// the fresh deadline of the redo.
/// </summary>
internal sealed record StepHistory(StepActivity? Completion, StepActivity? Return)
{
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
                ActivityKind.Completed => current with { Completion = activity },
                ActivityKind.Returned => new StepHistory(null, activity),
                _ => current, // a contribution is work inside the step, not its completion
            };
        }
        return histories;
    }
}
