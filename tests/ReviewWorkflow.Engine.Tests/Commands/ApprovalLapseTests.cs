using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Evaluation;
using ReviewWorkflow.Engine.Tests.Evaluation;
using static ReviewWorkflow.Engine.Tests.Commands.Outcomes;
using static ReviewWorkflow.Engine.Tests.Evaluation.TestCase;

namespace ReviewWorkflow.Engine.Tests.Commands;

/// <summary>
/// An approval covers the work as it stood. Work that changes or becomes required after it is not
/// covered, so the sign-off is needed again before the case can be classified or closed.
/// </summary>
public sealed class ApprovalLapseTests
{
    private const string Again = "it must be signed off again";

    /// <summary>All work done by the officer at 5 h, approved by the supervisor at 6 h.</summary>
    private static TestCase Approved() => new TestCase().AllWorkDone().Approved();

    private static CommandOutcome Approve(TestCase @case, Actor approver, double atHours) =>
        Procedure.SignOff(@case.Definition, @case.State, "supervisor-review", "approve", "Looked at the new work as well.", [], approver, At(atHours));

    private static TestCase Linked(TestCase @case) => @case.WithFacts(f => f with { LinkedCandidates = 1 });

    [Fact]
    public void ALateLinkMakesTheReferralRequiredAndTheApprovalLapses()
    {
        var @case = Linked(Approved());

        var review = @case.Status("supervisor-review");
        Assert.Equal(StepState.Blocked, review.State);
        Assert.Equal(["homicide-referral (available)"], review.WaitingFor);
        Assert.Null(review.Completion);
        Assert.Contains($"supervisor-review: approval lapsed — homicide-referral became required after the approval; {Again}", @case.Evaluate().Unmet);
        Assert.False(@case.Evaluate().CanClose);
    }

    [Fact]
    public void OnceTheReferralIsDoneTheSignOffIsAvailableAgain()
    {
        var @case = Linked(Approved());
        @case.Apply(Procedure.Complete(@case.Definition, @case.State, "homicide-referral", ValidInput.For("homicide-referral"), null, Officer, At(8)));

        var review = @case.Status("supervisor-review");
        Assert.Equal(StepState.Available, review.State);
        Assert.Equal("homicide-referral was completed on 2024-06-01 11:30 UTC, after the approval", review.Lapsed);
    }

    [Fact]
    public void ApprovingAgainRestoresTheSignOffAndTheCaseCanClose()
    {
        var @case = Linked(Approved());
        @case.Apply(Procedure.Complete(@case.Definition, @case.State, "homicide-referral", ValidInput.For("homicide-referral"), null, Officer, At(8)));

        @case.Apply(Approve(@case, Supervisor, 9));
        @case.Classified(atHours: 10).ClassificationApproved(atHours: 10.2).ClassificationApproved(by: Inspector, atHours: 10.5, step: "classification-inspector-review");

        Assert.Equal(StepState.Completed, @case.Status("supervisor-review").State);
        Assert.Null(@case.Status("supervisor-review").Lapsed);
        Assert.IsType<Accepted>(Procedure.Close(@case.Definition, @case.State, "All lines of enquiry complete.", Officer, At(11)));
    }

    [Fact]
    public void TheLapsedSignOffBlocksClassificationAsNotSuspicious()
    {
        var @case = Linked(Approved());
        @case.Apply(Procedure.Complete(@case.Definition, @case.State, "homicide-referral", ValidInput.For("homicide-referral"), null, Officer, At(8)));

        var refused = Refused(Procedure.Classify(@case.Definition, @case.State, "not-suspicious", ValidInput.ClassificationRationale, Officer, At(9)),
            RefusalKind.Conflict);

        Assert.Equal(
            [$"supervisor-review: approval lapsed — homicide-referral was completed on 2024-06-01 11:30 UTC, after the approval; {Again}"],
            refused.Reasons);
    }

    [Fact]
    public void TheApproverOfTheFirstRoundMustNotHaveDoneTheNewWork()
    {
        var @case = Linked(Approved());
        @case.Apply(Procedure.Complete(@case.Definition, @case.State, "homicide-referral", ValidInput.For("homicide-referral"), null, Supervisor, At(8)));

        Assert.Equal("you completed homicide-referral on 2024-06-01 11:30 UTC; a supervisor who did the work may not approve it",
            SingleReason(Approve(@case, Supervisor, 9), RefusalKind.Forbidden));
        Assert.IsType<Accepted>(Approve(@case, OtherSupervisor, 9));
    }

    [Fact]
    public void ADispositionAfterTheApprovalLapsesIt()
    {
        var @case = Approved().Contributed("linkage-check", "dispositioned a linkage candidate", Officer, atHours: 7);

        Assert.Equal(StepState.Available, @case.Status("supervisor-review").State);
        Assert.Contains($"supervisor-review: approval lapsed — new work in linkage-check on 2024-06-01 10:30 UTC, after the approval; {Again}",
            @case.Evaluate().Unmet);
    }

    [Fact]
    public void AFamilyInformationActionAfterTheApprovalLapsesIt()
    {
        var @case = Approved().Contributed("family-information", "actioned a family information item", Officer, atHours: 7);

        Assert.Equal("new work in family-information on 2024-06-01 10:30 UTC, after the approval", @case.Status("supervisor-review").Lapsed);
    }

    [Fact]
    public void WorkOnFamilyInformationReceivedAfterTheApprovalNeedsTheSignOffAgain()
    {
        var @case = Approved().WithFacts(f => f with { OpenFamilyItems = 1 });
        // While the item is open the register line blocks; the approval stands until work is done on it.
        Assert.Equal(["family-information: 1 family information item open", "classification: still under-investigation"], @case.Evaluate().Unmet);

        @case.Contributed("family-information", "actioned family information item FI-1", Officer, atHours: 7);
        Assert.Equal(StepState.Blocked, @case.Status("supervisor-review").State);

        @case.Contributed("family-information", "answered family information item FI-1", Officer, atHours: 7)
            .WithFacts(f => f with { OpenFamilyItems = 0 });

        Assert.Equal(StepState.Available, @case.Status("supervisor-review").State);
        Assert.Equal("new work in family-information on 2024-06-01 10:30 UTC, after the approval", @case.Status("supervisor-review").Lapsed);
    }

    [Fact]
    public void WorkRecordedInTheSameInstantAfterTheApprovalStillCounts()
    {
        // Recorded order decides, not only the clock: two commands may share a timestamp.
        var @case = Approved().Contributed("linkage-check", "dispositioned a linkage candidate", Officer, atHours: 6);

        Assert.Equal(StepState.Available, @case.Status("supervisor-review").State);
    }

    [Fact]
    public void WorkBeforeTheApprovalDoesNotLapseIt()
    {
        var @case = new TestCase().AllWorkDone().Contributed("linkage-check", "dispositioned a linkage candidate", Officer, atHours: 5.5).Approved();

        Assert.Equal(StepState.Completed, @case.Status("supervisor-review").State);
        Assert.Null(@case.Status("supervisor-review").Lapsed);
    }

    [Fact]
    public void WorkOutsideTheApprovedStepsLeavesTheApprovalStanding()
    {
        var @case = Approved().Classified(atHours: 7);

        Assert.Equal(StepState.Completed, @case.Status("supervisor-review").State);
    }

    [Fact]
    public void AStepReturnedByAnotherSignOffLapsesTheApproval()
    {
        var @case = Linked(new TestCase().AllWorkDone());
        @case.Apply(Procedure.Complete(@case.Definition, @case.State, "homicide-referral", ValidInput.For("homicide-referral-declined"), null, Officer, At(5.5)));
        @case.Approved(atHours: 6);

        @case.Apply(Procedure.SignOff(@case.Definition, @case.State, "referral-decline-review", "return",
            "The link to the churchyard deaths was not put to the homicide command.", ["homicide-referral"], Inspector, At(7)));

        Assert.Equal(StepState.Returned, @case.Status("homicide-referral").State);
        Assert.Equal("homicide-referral was returned after the approval", @case.Status("supervisor-review").Lapsed);
        Assert.Equal(StepState.Blocked, @case.Status("supervisor-review").State);
    }

    [Fact]
    public void AClosedCaseKeepsTheApprovalItClosedOn()
    {
        // After closure only new information and linkage arrive; they are flagged for review, not undone.
        var @case = ReadyToClose();
        @case.Apply(Procedure.Close(@case.Definition, @case.State, "All lines of enquiry complete.", Officer, At(8)));

        @case.Contributed("linkage-check", "dispositioned a linkage candidate", Officer, atHours: 9);

        Assert.Equal(StepState.Completed, @case.Status("supervisor-review").State);
    }
}
