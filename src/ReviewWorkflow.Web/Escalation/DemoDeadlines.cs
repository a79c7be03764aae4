namespace ReviewWorkflow.Web.Escalation;

/// <summary>
/// <c>Demo:DeadlineSpeedup</c>: divides every deadline and every rung of every ladder by a factor,
/// so a person trying the app can watch a step become overdue and climb its ladder in minutes
/// (720: an hour lasts five seconds). For demonstrations only; the files on disk are unchanged.
/// </summary>
public static class DemoDeadlines
{
    public const string Setting = "Demo:DeadlineSpeedup";

    public static double Speedup(IConfiguration configuration)
    {
        var speedup = configuration.GetValue(Setting, 1.0);
        return speedup >= 1 ? speedup : throw new InvalidOperationException($"{Setting} must be at least 1, found {speedup}");
    }

    public static WorkflowDefinition Apply(WorkflowDefinition definition, double speedup) => speedup == 1 ? definition : definition with
    {
        Escalation = Scale(definition.Escalation, speedup),
        Steps = definition.Steps.Select(s => s with
        {
            Due = s.Due / speedup,
            Escalation = s.Escalation is null ? null : Scale(s.Escalation, speedup),
        }).ToList(),
    };

    private static List<EscalationRung> Scale(IReadOnlyList<EscalationRung> ladder, double speedup) =>
        ladder.Select(r => r with { After = r.After / speedup }).ToList();
}
