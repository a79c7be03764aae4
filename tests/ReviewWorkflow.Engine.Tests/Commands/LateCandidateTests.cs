using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Evaluation;
using ReviewWorkflow.Engine.Linkage;
using ReviewWorkflow.Engine.Tests.Evaluation;
using static ReviewWorkflow.Engine.Tests.Commands.Outcomes;
using static ReviewWorkflow.Engine.Tests.Evaluation.TestCase;

namespace ReviewWorkflow.Engine.Tests.Commands;

/// <summary>
/// Issue 14, failure 2: a candidate found after the linkage step was completed reopens the step,
/// lapses the approval over it and blocks the sign-off, the clearing classifications and closure,
/// each refusal naming the candidate.
/// </summary>
public sealed class LateCandidateTests
{
    private static readonly PendingCandidate Kerr = new("RW-2026-000042", At(6.5));
    private const string Found = "RW-2026-000042 found on 2024-06-01 10:00 UTC";

    private static TestCase WithCandidate(TestCase @case, PendingCandidate candidate) =>
        @case.WithFacts(f => f with { UndecidedCandidates = f.UndecidedCandidates + 1, UndecidedCandidateList = [.. f.UndecidedCandidateList, candidate] });

    private static TestCase Decided(TestCase @case, double atHours, string decision = LinkageDisposition.NotLinked)
    {
        @case.Apply(LinkageDisposition.Decide(@case.Definition, @case.State, new CandidateView(Kerr.Reference, null), decision,
            "Different area and no person in common.", Officer, At(atHours)));
        return @case.WithFacts(f => f with
        {
            UndecidedCandidates = 0, UndecidedCandidateList = [],
            LinkedCandidates = f.LinkedCandidates + (decision == LinkageDisposition.Linked ? 1 : 0),
        });
    }

    [Fact]
    public void ACandidateFoundAfterCompletionReopensTheLinkageStepFromItsArrival()
    {
        var @case = WithCandidate(new TestCase().AllWorkDone(), Kerr);

        var linkage = @case.Status("linkage-check");
        Assert.Equal(StepState.Available, linkage.State);
        Assert.Equal($"new candidate {Kerr.Reference} found on 2024-06-01 10:00 UTC", linkage.Reopened);
        Assert.Equal(Kerr.FoundAt, linkage.ReopenedAt);
    }

    [Fact]
    public void TheApprovalOverTheLinkageStepLapsesAndItsSignOffIsRefusedNamingTheCandidate()
    {
        var approved = new TestCase().AllWorkDone().Approved();
        var @case = WithCandidate(approved, Kerr);

        Assert.Equal($"linkage-check reopened after the approval: new candidate {Kerr.Reference} found on 2024-06-01 10:00 UTC",
            @case.Status("supervisor-review").Lapsed);
        var refusal = SingleReason(Procedure.SignOff(@case.Definition, @case.State, "supervisor-review", "approve", "Checked again.", [], OtherSupervisor, At(7)),
            RefusalKind.Conflict);
        Assert.Equal($"supervisor-review is blocked: waits for linkage-check (reopened: new candidate {Kerr.Reference} found on 2024-06-01 10:00 UTC)", refusal);
    }

    [Fact]
    public void AClearingClassificationAndClosureAreRefusedNamingTheCandidate()
    {
        var @case = WithCandidate(new TestCase().AllWorkDone().Approved(), Kerr);

        Assert.Contains($"linkage-check: 1 candidate not dispositioned: {Found}",
            Refused(Procedure.Classify(@case.Definition, @case.State, "not-suspicious", ValidInput.ClassificationRationale, Officer, At(7)), RefusalKind.Conflict).Reasons);
        var ready = WithCandidate(ReadyToClose(), Kerr with { FoundAt = At(9) });
        Assert.Contains("linkage-check: 1 candidate not dispositioned: RW-2026-000042 found on 2024-06-01 12:30 UTC",
            Refused(Procedure.Close(ready.Definition, ready.State, "All lines of enquiry complete.", Officer, At(10)), RefusalKind.Conflict).Reasons);
    }

    [Fact]
    public void DispositioningTheCandidateRestoresTheStepAndTheSignOffIsGivenAgain()
    {
        var @case = Decided(WithCandidate(new TestCase().AllWorkDone().Approved(), Kerr), atHours: 7);

        Assert.Equal(StepState.Completed, @case.Status("linkage-check").State);
        Assert.Null(@case.Status("linkage-check").Reopened);
        // The disposition is new work in the step the supervisor approved.
        Assert.Equal("new work in linkage-check on 2024-06-01 10:30 UTC, after the approval", @case.Status("supervisor-review").Lapsed);
        @case.Approved(by: OtherSupervisor, atHours: 8).Classified(atHours: 9).ClassificationApproved(atHours: 10);
        Assert.True(@case.Evaluate().CanClose);
    }

    [Fact]
    public void ALinkedDispositionMakesTheReferralAndTheInspectorsReviewRequired()
    {
        var @case = Decided(WithCandidate(ReadyToClose(), Kerr with { FoundAt = At(9) }), atHours: 10, LinkageDisposition.Linked);

        Assert.Equal(StepState.Available, @case.Status("homicide-referral").State);
        Assert.Equal(StepState.Available, @case.Status("classification-inspector-review").State);
        Assert.Contains("classification-inspector-review: not completed — needs sign-off by an inspector", @case.Evaluate().Unmet);
    }

    [Fact]
    public void OnAClosedCaseTheCandidateIsListedAndTheApprovalItClosedOnStands()
    {
        var @case = ReadyToClose();
        @case.Apply(Procedure.Close(@case.Definition, @case.State, "All lines of enquiry complete.", Officer, At(9)));
        WithCandidate(@case, Kerr with { FoundAt = At(30) });

        Assert.Equal(["linkage-check: 1 candidate not dispositioned: RW-2026-000042 found on 2024-06-02 09:30 UTC"], @case.Evaluate().Unmet);
        Assert.Equal(StepState.Completed, @case.Status("supervisor-review").State);
        Assert.IsType<Accepted>(LinkageDisposition.Decide(@case.Definition, @case.State, new CandidateView(Kerr.Reference, null),
            LinkageDisposition.NotLinked, "Different area and no person in common.", Officer, At(31)));
    }
}
