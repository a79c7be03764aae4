using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Evaluation;
using static ReviewWorkflow.Engine.Tests.Evaluation.TestCase;

namespace ReviewWorkflow.Engine.Tests.Commands;

public sealed class CaseEventActivitiesTests
{
    [Fact]
    public void CompletionBecomesOneCompletedActivity()
    {
        var fields = new Dictionary<string, FieldValue> { ["noteFound"] = new BoolValue(true) };

        var activity = Assert.Single(new StepCompleted(At(1), Officer.Id, "initial-report", fields, "note").ToActivities());

        Assert.Equal(new StepActivity("initial-report", ActivityKind.Completed, Officer.Id, At(1), fields, "note"), activity);
    }

    [Fact]
    public void ReturnBecomesOneReturnedActivityPerStepNamingTheSignOff()
    {
        var activities = new StepsReturned(At(2), Supervisor.Id, "supervisor-review", ["initial-report", "digital-devices"], "Redo").ToActivities();

        Assert.Equal(["initial-report", "digital-devices"], activities.Select(a => a.StepKey));
        Assert.All(activities, a =>
        {
            Assert.Equal((ActivityKind.Returned, Supervisor.Id, At(2), "Redo"), (a.Kind, a.ActorId, a.At, a.Note));
            Assert.Equal(new TextValue("supervisor-review"), a.Fields[CaseEventActivities.ReturnedByField]);
        });
    }

    [Fact]
    public void ClassificationAndClosureChangeTheCaseNotAStep()
    {
        Assert.Empty(new CaseClassified(At(3), Officer.Id, "under-investigation", "homicide", "r").ToActivities());
        Assert.Empty(new CaseClosed(At(4), Officer.Id, "r").ToActivities());
    }
}
