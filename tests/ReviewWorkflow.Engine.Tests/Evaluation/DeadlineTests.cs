using static ReviewWorkflow.Engine.Tests.Evaluation.TestCase;

namespace ReviewWorkflow.Engine.Tests.Evaluation;

public sealed class DeadlineTests
{
    [Fact]
    public void DeadlineRunsFromCaseOpening()
    {
        var evaluation = new TestCase().Evaluate();

        Assert.Equal(Opened.AddHours(4), evaluation["initial-report"]!.DueAt);
        Assert.Equal(Opened.AddHours(24), evaluation["linkage-check"]!.DueAt);
        Assert.Equal(Opened.AddDays(7), evaluation["digital-devices"]!.DueAt);
        Assert.Equal(Opened, evaluation["digital-devices"]!.AppliesSince);
    }

    [Fact]
    public void BlockedStepStillHasItsDeadlineFromOpening()
    {
        Assert.Equal(Opened.AddHours(24), new TestCase().Status("intelligence-checks").DueAt);
    }

    [Fact]
    public void StepWithoutDueHasNoDeadline()
    {
        var evaluation = new TestCase().Evaluate();

        Assert.Null(evaluation["classification"]!.DueAt);
        Assert.Null(evaluation["closure"]!.DueAt);
    }

    [Fact]
    public void ReturnedStepGetsAFreshDeadlineFromItsReturn()
    {
        var @case = new TestCase().Completed("initial-report", atHours: 1).Returned("initial-report", "Who reported?", atHours: 30);

        Assert.Equal(At(30 + 4), @case.Status("initial-report").DueAt);
    }

    [Fact]
    public void RedoneStepKeepsTheDeadlineOfItsRedo()
    {
        var @case = new TestCase().Completed("initial-report", atHours: 1).Returned("initial-report", "Who reported?", atHours: 30)
            .Completed("initial-report", atHours: 31);

        Assert.Equal(At(34), @case.Status("initial-report").DueAt);
    }
}
