using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Evaluation;
using ReviewWorkflow.Engine.Tests.Evaluation;
using static ReviewWorkflow.Engine.Tests.Commands.Outcomes;
using static ReviewWorkflow.Engine.Tests.Evaluation.TestCase;

namespace ReviewWorkflow.Engine.Tests.Commands;

/// <summary>A supervisor returns work, an officer redoes it, and a sign-off is made on the redone work.</summary>
public sealed class ReturnCycleTests
{
    private const string Reason = "Laptop of the reporting person not considered";

    private static CommandOutcome SignOff(TestCase @case, string decision, Actor actor, double atHours, params string[] steps) =>
        Procedure.SignOff(@case.Definition, @case.State, "supervisor-review", decision,
            decision == "return" ? Reason : "Redone work checked and complete.", steps, actor, At(atHours));

    private static TestCase ReturnedForRedo() =>
        new TestCase().AllWorkDone().Apply(SignOff(new TestCase().AllWorkDone(), "return", Supervisor, 10, "digital-devices"));

    [Fact]
    public void ReturnedStepShowsWhoReturnedItAndWhy()
    {
        var @case = ReturnedForRedo();

        var status = @case.Status("digital-devices");
        Assert.Equal(StepState.Returned, status.State);
        Assert.Equal(Reason, status.Return!.Note);
        Assert.Contains($"digital-devices: returned by supervisor-review — {Reason}", @case.Evaluate().Unmet);
    }

    [Fact]
    public void SignOffIsBlockedWhileReturnedWorkIsRedone()
    {
        var @case = ReturnedForRedo();

        Assert.Equal(["digital-devices (returned)"], @case.Status("supervisor-review").WaitingFor);
        Assert.Equal("supervisor-review is blocked: waits for digital-devices (returned)",
            SingleReason(SignOff(@case, "approve", OtherSupervisor, 11), RefusalKind.Conflict));
    }

    [Fact]
    public void RedoHasAFreshDeadlineFromTheReturn()
    {
        Assert.Equal(At(10) + TimeSpan.FromDays(7), ReturnedForRedo().Status("digital-devices").DueAt);
    }

    [Fact]
    public void RedoneWorkIsApprovedByADifferentSupervisor()
    {
        var @case = ReturnedForRedo();
        Assert.Equal(StepState.Blocked, @case.Status("supervisor-review").State);

        @case.Apply(Procedure.Complete(@case.Definition, @case.State, "digital-devices",
            ValidInput.For("digital-devices"), "Laptop now examined", OtherOfficer, At(20)));
        Assert.Equal(StepState.Completed, @case.Status("digital-devices").State);
        Assert.Equal(StepState.Available, @case.Status("supervisor-review").State);

        @case.Apply(SignOff(@case, "approve", OtherSupervisor, 21));
        Assert.Equal(StepState.Completed, @case.Status("supervisor-review").State);
        Assert.DoesNotContain(@case.Evaluate().Unmet, u => u.StartsWith("digital-devices", StringComparison.Ordinal));
    }

    [Fact]
    public void SupervisorWhoReturnedTheWorkMayApproveTheRedo()
    {
        var @case = ReturnedForRedo();
        @case.Apply(Procedure.Complete(@case.Definition, @case.State, "digital-devices",
            ValidInput.For("digital-devices"), null, OtherOfficer, At(20)));

        Assert.IsType<Accepted>(SignOff(@case, "approve", Supervisor, 21));
    }

    [Fact]
    public void SupervisorWhoRedidTheReturnedWorkMayNotApproveIt()
    {
        var @case = ReturnedForRedo();
        @case.Apply(Procedure.Complete(@case.Definition, @case.State, "digital-devices",
            ValidInput.For("digital-devices"), null, OtherSupervisor, At(20)));

        Assert.Equal("you completed digital-devices on 2024-06-01 23:30 UTC; a supervisor who did the work may not approve it",
            SingleReason(SignOff(@case, "approve", OtherSupervisor, 21), RefusalKind.Forbidden));
    }

    [Fact]
    public void CaseClosesAfterTheCycle()
    {
        var @case = ReturnedForRedo();
        @case.Apply(Procedure.Complete(@case.Definition, @case.State, "digital-devices", ValidInput.For("digital-devices"), null, OtherOfficer, At(20)));
        @case.Apply(SignOff(@case, "approve", OtherSupervisor, 21));
        @case.Classified(atHours: 22).ClassificationApproved(by: OtherSupervisor, atHours: 22.5);

        @case.Apply(Procedure.Close(@case.Definition, @case.State, "All lines of enquiry complete.", Officer, At(23)));

        Assert.Equal(StepState.Completed, @case.Status("closure").State);
    }
}
