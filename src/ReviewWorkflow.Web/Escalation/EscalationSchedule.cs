using ReviewWorkflow.Engine.Definitions;

namespace ReviewWorkflow.Web.Escalation;

/// <summary>
/// When a piece of work should next be looked at by the sweep. The value may be early (the sweep
/// then finds nothing new and moves it on) but never late, or a level would go unsent.
/// </summary>
public static class EscalationSchedule
{
    /// <summary>
    /// The schedule after a command refreshed a step: started at the deadline when the step opens
    /// or its deadline moves, cleared when it is done or the case closes — so completing a step
    /// stops its ladder — and otherwise left as the sweep set it.
    /// </summary>
    public static DateTimeOffset? OnRefresh(bool wasOpen, DateTimeOffset? previousDue, bool isOpen, DateTimeOffset? due, DateTimeOffset? current)
    {
        if (!isOpen || due is null) return null;
        return wasOpen && previousDue == due ? current : due;
    }

    /// <summary>The earliest instant a rung not yet recorded becomes due; null when every rung is recorded.</summary>
    public static DateTimeOffset? Next(IReadOnlyList<EscalationRung> ladder, DateTimeOffset dueAt, IReadOnlySet<int> recordedLevels)
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
}
