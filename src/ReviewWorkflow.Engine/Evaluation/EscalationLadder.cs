namespace ReviewWorkflow.Engine.Evaluation;

/// <summary>
/// When the levels of a ladder fall due for one deadline (a step's, or a register item's): the one
/// rule of escalation. The evaluator gives each open step its deadline and the time its ladder
/// starts; the application stores that time as the sweep's index (so the sweep reads only overdue
/// work) and the sweep asks <see cref="DueLevels"/> what to send and <see cref="NextAt"/> when to look again.
/// </summary>
public static class EscalationLadder
{
    /// <summary>Levels due at <paramref name="now"/> that are not recorded yet.</summary>
    public static IReadOnlyList<EscalationRung> DueLevels(
        IReadOnlyList<EscalationRung> ladder, DateTimeOffset dueAt, DateTimeOffset now, IReadOnlySet<int> recordedLevels) =>
        ladder.Where(rung => dueAt + rung.After <= now && !recordedLevels.Contains(rung.Level)).ToList();

    /// <summary>The earliest instant a level not yet recorded falls due; null when every level is recorded.</summary>
    public static DateTimeOffset? NextAt(IReadOnlyList<EscalationRung> ladder, DateTimeOffset dueAt, IReadOnlySet<int> recordedLevels)
    {
        DateTimeOffset? next = null;
        foreach (var rung in ladder)
        {
            if (recordedLevels.Contains(rung.Level)) continue;
            var at = dueAt + rung.After;
            if (next is null || at < next) next = at;
        }
        return next;
    }

    /// <summary>
    /// What to store as a step's next escalation time after a command re-evaluated it: its ladder's
    /// start when the step starts escalating or its deadline moves; null when it stops (done, not
    /// applicable, a sign-off that cannot be given yet, the case closed) — so completing a step stops
    /// its ladder; otherwise the stored value, which the sweep moves on as it records levels. The
    /// stored value may be early (the sweep then finds nothing new) but never late.
    /// </summary>
    public static DateTimeOffset? NextAfterChange(StepStatus status, bool wasEscalating, DateTimeOffset? storedDueAt, DateTimeOffset? storedNext)
    {
        if (status.EscalationStartsAt is not { } start) return null;
        return wasEscalating && storedDueAt == status.DueAt ? storedNext : start;
    }
}
