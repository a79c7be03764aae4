namespace ReviewWorkflow.Web.Ui;

/// <summary>How a step's pause reads on the case page, <em>My work</em>, the overdue board and the pause page.</summary>
public static class PauseDisplay
{
    public static string Words(StepPause pause, DateTimeOffset now) =>
        pause.EndedAt is { } ended ? $"ended {Display.Time(ended)}" : Words(pause.Until, pause.Approved, now);

    /// <summary>A pause that stands (the step table's <c>paused_until</c>, <c>pause_approved</c>).</summary>
    public static string Words(DateTimeOffset until, bool approved, DateTimeOffset now) =>
        !approved ? $"pause until {Display.Time(until)} awaiting a supervisor's approval"
        : now < until ? $"paused until {Display.Time(until)} (approved)"
        : $"pause over: the expected date {Display.Time(until)} has passed";

    public static string Link(Guid caseId, string stepKey) => $"/cases/{caseId}/steps/{stepKey}/pause";
}
