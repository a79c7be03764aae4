using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Evaluation;
using ReviewWorkflow.Engine.Tests.Evaluation;
using ReviewWorkflow.Tests;
using static ReviewWorkflow.Engine.Tests.Commands.Outcomes;
using static ReviewWorkflow.Engine.Tests.Evaluation.TestCase;

namespace ReviewWorkflow.Engine.Tests.Commands;

/// <summary>Decisions are signed off by a supervisor who did not do the work, whatever kind of work it was.</summary>
public sealed class FourEyesTests
{
    private const string Rule = "a supervisor who did the work may not approve it";

    /// <summary>All work done by the officer except <paramref name="stepKey"/>, done by <paramref name="by"/> at 07:30 UTC.</summary>
    private static TestCase WorkDoneWith(string stepKey, Actor by)
    {
        var @case = new TestCase();
        foreach (var step in DefaultWorkflow.UnconditionalWorkSteps) @case.Completed(step, step == stepKey ? by : Officer, atHours: 4);
        return @case;
    }

    private static CommandOutcome Approve(TestCase @case, Actor approver) =>
        Procedure.SignOff(@case.Definition, @case.State, "supervisor-review", "approve", "All checked.", [], approver, At(10));

    [Fact]
    public void SupervisorCannotApproveStepTheyCompleted()
    {
        var @case = WorkDoneWith("initial-report", Supervisor);

        Assert.Equal($"you completed initial-report on 2024-06-01 07:30 UTC; {Rule}",
            SingleReason(Approve(@case, Supervisor), RefusalKind.Forbidden));
    }

    [Fact]
    public void SupervisorWhoHoldsAStepReassignedToThemCannotApproveItThoughAnOfficerDidIt()
    {
        var @case = new TestCase().AllWorkDone().WithFacts(f => f with { Assignees = new Dictionary<string, string> { ["intelligence-checks"] = Supervisor.Id } });

        Assert.Equal("intelligence-checks is assigned to you; a supervisor who holds the work may not approve it",
            SingleReason(Approve(@case, Supervisor), RefusalKind.Forbidden));
        Assert.IsType<Accepted>(Approve(@case, OtherSupervisor));
    }

    [Fact]
    public void AnotherSupervisorCanApproveTheSameWork()
    {
        Assert.IsType<Accepted>(Approve(WorkDoneWith("initial-report", Supervisor), OtherSupervisor));
    }

    [Fact]
    public void SupervisorCannotApproveALinkageCheckInWhichTheyDispositionedACandidate()
    {
        var @case = new TestCase().AllWorkDone().Contributed("linkage-check", "dispositioned a linkage candidate", Supervisor, atHours: 5.5);

        Assert.Equal($"you dispositioned a linkage candidate in linkage-check on 2024-06-01 09:00 UTC; {Rule}",
            SingleReason(Approve(@case, Supervisor), RefusalKind.Forbidden));
    }

    [Fact]
    public void SupervisorCannotApproveAFamilyRegisterTheyActionedAnItemIn()
    {
        var @case = new TestCase().AllWorkDone().Contributed("family-information", "answered a family information item", Supervisor, atHours: 5.5);

        Assert.Equal($"you answered a family information item in family-information on 2024-06-01 09:00 UTC; {Rule}",
            SingleReason(Approve(@case, Supervisor), RefusalKind.Forbidden));
    }

    [Fact]
    public void ContributionWithoutANoteIsStillNamed()
    {
        var @case = new TestCase().AllWorkDone().Contributed("linkage-check", "", Supervisor, atHours: 5.5);

        Assert.Equal($"you contributed to linkage-check on 2024-06-01 09:00 UTC; {Rule}",
            SingleReason(Approve(@case, Supervisor), RefusalKind.Forbidden));
    }

    [Fact]
    public void SupervisorCannotApproveAReferralDecisionTheyMade()
    {
        var @case = new TestCase().AllWorkDone().WithFacts(f => f with { LinkedCandidates = 1 })
            .Completed("homicide-referral", Supervisor, atHours: 6);

        Assert.Equal($"you completed homicide-referral on 2024-06-01 09:30 UTC; {Rule}",
            SingleReason(Approve(@case, Supervisor), RefusalKind.Forbidden));
    }

    [Fact]
    public void EveryOwnActionIsListedOldestFirst()
    {
        var @case = WorkDoneWith("initial-report", Supervisor)
            .Contributed("linkage-check", "dispositioned a linkage candidate", Supervisor, atHours: 3)
            .Contributed("linkage-check", "dispositioned a linkage candidate", Supervisor, atHours: 3.5);

        Assert.Equal(
        [
            $"you dispositioned a linkage candidate in linkage-check on 2024-06-01 06:30 UTC; {Rule}",
            $"you dispositioned a linkage candidate in linkage-check on 2024-06-01 07:00 UTC; {Rule}",
            $"you completed initial-report on 2024-06-01 07:30 UTC; {Rule}",
        ], Refused(Approve(@case, Supervisor), RefusalKind.Forbidden).Reasons);
    }

    [Fact]
    public void WorkSinceReturnedAndRedoneBySomeoneElseStillCounts()
    {
        var @case = WorkDoneWith("digital-devices", Supervisor)
            .Returned("digital-devices", "Laptop not considered", OtherSupervisor, atHours: 5)
            .Completed("digital-devices", Officer, atHours: 6);

        Assert.Equal($"you completed digital-devices on 2024-06-01 07:30 UTC; {Rule}",
            SingleReason(Approve(@case, Supervisor), RefusalKind.Forbidden));
    }

    [Fact]
    public void WorkOutsideTheApprovedStepsDoesNotCount()
    {
        var @case = new TestCase().AllWorkDone().Completed("classification", Supervisor, atHours: 5.5);

        Assert.IsType<Accepted>(Approve(@case, Supervisor));
    }

    [Fact]
    public void ReturningTheSupervisorsOwnWorkIsAllowed()
    {
        var @case = WorkDoneWith("initial-report", Supervisor);

        var outcome = Procedure.SignOff(@case.Definition, @case.State, "supervisor-review", "return", "My report lacks the reporter's phone",
            ["initial-report"], Supervisor, At(10));

        Assert.IsType<Accepted>(outcome);
    }
}
