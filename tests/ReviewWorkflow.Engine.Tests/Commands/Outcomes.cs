using ReviewWorkflow.Engine.Commands;

namespace ReviewWorkflow.Engine.Tests.Commands;

internal static class Outcomes
{
    public static Refused Refused(CommandOutcome outcome, RefusalKind kind)
    {
        var refused = Assert.IsType<Refused>(outcome);
        Assert.Equal(kind, refused.Kind);
        return refused;
    }

    public static string SingleReason(CommandOutcome outcome, RefusalKind kind) => Assert.Single(Refused(outcome, kind).Reasons);

    public static IReadOnlyList<CaseEvent> Events(CommandOutcome outcome) => Assert.IsType<Accepted>(outcome).Events;
}
