using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Evaluation;
using ReviewWorkflow.Engine.Linkage;
using static ReviewWorkflow.Engine.Tests.Evaluation.TestCase;

namespace ReviewWorkflow.Engine.Tests.Evaluation;

/// <summary>Deadlines run from when a step applies (issue 14, failure 4), with the clock fixed at the case's opening.</summary>
public sealed class LateDeadlineTests
{
    private static readonly HashSet<(string, int)> NoneRecorded = [];

    private static IEnumerable<DueEscalation> Due(TestCase @case, DateTimeOffset now, string step) =>
        DueEscalations.Of(@case.Definition, @case.State, now, NoneRecorded).Where(d => d.StepKey == step);

    /// <summary>The initial report done at 1 h, then a candidate dispositioned linked weeks later, as the command records it.</summary>
    private static TestCase LinkedAt(double hours) => new TestCase()
        .Completed("initial-report", atHours: 1)
        .Apply(LinkageDisposition.Decide(TestDefinitions.UnexplainedDeath(), new TestCase().State, new CandidateView("RW-2024-000009", null),
            "linked", "same place, same drug, three weeks apart", Officer, At(hours)))
        .WithFacts(f => f with { LinkedCandidates = 1 });

    [Fact]
    public void AReferralRequiredByALinkFoundWeeksAfterOpeningRunsFromTheLink()
    {
        var @case = LinkedAt(500);

        var referral = @case.Status("homicide-referral");
        Assert.Equal(At(500), referral.AppliesSince);
        Assert.Equal(At(524), referral.DueAt);
        Assert.Empty(Due(@case, At(500), "homicide-referral"));
        Assert.Empty(Due(@case, At(524).AddTicks(-1), "homicide-referral"));
        Assert.Equal([1], Due(@case, At(524), "homicide-referral").Select(d => d.Level));
    }

    [Fact]
    public void MoreReasonsForAStepThatAppliesAlreadyDoNotMoveItsDeadline()
    {
        var @case = LinkedAt(500);
        @case.Apply(Procedure.RequestReferral(@case.Definition, @case.State, "two linked deaths at one place", Supervisor, At(510)));
        @case.Apply(Procedure.Classify(@case.Definition, @case.State, "homicide", ValidInput.ClassificationRationale, Officer, At(515)));
        // A second linked candidate, later still.
        @case.Apply(LinkageDisposition.Decide(@case.Definition, @case.State, new CandidateView("RW-2024-000010", null),
            "linked", "the same finder as the first death", Officer, At(520))).WithFacts(f => f with { LinkedCandidates = 2 });

        Assert.Equal(At(500), @case.Status("homicide-referral").AppliesSince);
        Assert.Equal(At(524), @case.Status("homicide-referral").DueAt);
    }

    [Fact]
    public void AReferralRequestedBySupervisorRunsFromTheRequest()
    {
        var @case = new TestCase().Completed("initial-report", atHours: 1);

        @case.Apply(Procedure.RequestReferral(@case.Definition, @case.State, "the finder was named in an earlier death", Supervisor, At(300)));

        Assert.Equal(At(300) + TimeSpan.FromHours(24), @case.Status("homicide-referral").DueAt);
    }

    [Fact]
    public void AClassificationAsHomicideRunsTheReferralFromTheClassification()
    {
        var @case = new TestCase().Completed("initial-report", atHours: 1);

        @case.Apply(Procedure.Classify(@case.Definition, @case.State, "homicide", ValidInput.ClassificationRationale, Officer, At(200)));

        Assert.Equal(At(200), @case.Status("homicide-referral").AppliesSince);
    }

    [Fact]
    public void AConditionTurningFalseAndTrueAgainRunsFromTheSecondTime()
    {
        var noteFound = new Dictionary<string, FieldValue> { ["noteFound"] = new BoolValue(true) };
        var @case = new TestCase().Completed("initial-report", atHours: 1, fields: noteFound);
        Assert.Equal(At(1) + TimeSpan.FromDays(7), @case.Status("forensic-documents").DueAt);

        @case.Returned("initial-report", "Who reported it?", atHours: 100);
        Assert.Equal(StepState.NotApplicable, @case.Status("forensic-documents").State);
        Assert.Null(@case.Status("forensic-documents").DueAt);

        @case.Completed("initial-report", atHours: 200, fields: noteFound);
        Assert.Equal(At(200), @case.Status("forensic-documents").AppliesSince);
        Assert.Equal(At(200) + TimeSpan.FromDays(7), @case.Status("forensic-documents").DueAt);
    }

    [Fact]
    public void ASignOffThatCannotBeGivenYetHasNoDeadlineAndEmailsNobody()
    {
        var @case = new TestCase().Completed("initial-report", atHours: 1);

        var review = @case.Status("supervisor-review");
        Assert.Equal(StepState.Blocked, review.State);
        Assert.Null(review.DueAt);
        Assert.Null(review.EscalationStartsAt);
        Assert.Empty(Due(@case, Opened.AddYears(1), "supervisor-review"));
    }

    [Fact]
    public void ASignOffRunsFromTheLastWorkItApproves()
    {
        var @case = new TestCase().AllWorkDone(atHours: 50);

        var review = @case.Status("supervisor-review");
        Assert.Equal(StepState.Available, review.State);
        Assert.Equal(At(50), review.AppliesSince);
        Assert.Equal(At(50 + 72), review.DueAt);
        Assert.Empty(Due(@case, At(122).AddTicks(-1), "supervisor-review"));
        Assert.Equal([1], Due(@case, At(122), "supervisor-review").Select(d => d.Level));
    }

    [Fact]
    public void AReturnAfterApprovalRunsTheRedoFromTheReturnAndTheSignOffsFromTheRedo()
    {
        var @case = new TestCase().AllWorkDone(atHours: 10);
        @case.Apply(Procedure.RequestReferral(@case.Definition, @case.State, "the finder was named in an earlier death", Supervisor, At(11)));
        @case.Apply(Procedure.Complete(@case.Definition, @case.State, "homicide-referral", ValidInput.For("homicide-referral-declined"), null, Officer, At(20)));
        @case.Approved(by: OtherSupervisor, atHours: 30);
        Assert.Equal(StepState.Completed, @case.Status("supervisor-review").State);

        @case.Apply(Procedure.SignOff(@case.Definition, @case.State, "referral-decline-review", "return", "Ask the command again with the toxicology.",
            ["homicide-referral"], Inspector, At(40)));

        Assert.Equal(At(40 + 24), @case.Status("homicide-referral").DueAt);
        Assert.Equal(StepState.Blocked, @case.Status("supervisor-review").State); // its approval lapsed; the redo is not done
        Assert.Null(@case.Status("supervisor-review").DueAt);
        Assert.Empty(Due(@case, At(1000), "supervisor-review"));

        @case.Apply(Procedure.Complete(@case.Definition, @case.State, "homicide-referral", ValidInput.For("homicide-referral-declined"), null, Officer, At(50)));

        Assert.Equal(At(50 + 72), @case.Status("supervisor-review").DueAt);
        Assert.Equal(At(50 + 72), @case.Status("referral-decline-review").DueAt);
    }

    [Fact]
    public void ALinkageStepReopenedByANewCandidateRunsFromTheReopening()
    {
        var @case = new TestCase().Completed("initial-report", atHours: 1).Completed("linkage-check", atHours: 2)
            .WithFacts(f => f with { UndecidedCandidates = 1, UndecidedCandidateList = [new PendingCandidate("RW-2014-0002", At(300))] });

        Assert.Equal(At(300), @case.Status("linkage-check").AppliesSince);
        Assert.Equal(At(324), @case.Status("linkage-check").DueAt);
    }

    [Fact]
    public void AStepAMarkerAddedLaterMakesApplyRunsFromTheMarkersArrival()
    {
        var @case = new TestCase().Completed("initial-report", atHours: 1)
            .Add(FactsAdded.Activity(Officer.Id, At(100), ["cocaine"], []))
            .Add(FactsAdded.Activity(Officer.Id, At(200), [], ["phone-missing", "Note-Found"]))
            .Add(FactsAdded.Activity(Officer.Id, At(300), [], ["bruising"]))
            .WithFacts(f => f with { Markers = ["phone-missing", "note-found", "bruising"] });

        var forensic = @case.Status("forensic-documents");
        Assert.Equal(StepState.Available, forensic.State);
        Assert.Equal(At(200), forensic.AppliesSince);
        Assert.Equal(At(200) + TimeSpan.FromDays(7), forensic.DueAt);
        Assert.Empty(Due(@case, At(200 + 7 * 24).AddTicks(-1), "forensic-documents"));
    }

    [Fact]
    public void AMarkerGivenWhenTheDeathWasRecordedRunsFromTheOpening()
    {
        var @case = new TestCase().Completed("initial-report", atHours: 1)
            .Add(FactsAdded.Activity(Officer.Id, At(300), [], ["bruising"]))
            .WithFacts(f => f with { Markers = ["note-found", "bruising"] });

        Assert.Equal(Opened + TimeSpan.FromDays(7), @case.Status("forensic-documents").DueAt);
    }

    [Fact]
    public void TheLadderStartsAtTheDeadlinePlusItsFirstLevelAndStopsWhenTheCaseCloses()
    {
        var @case = LinkedAt(500);
        Assert.Equal(At(524), @case.Status("homicide-referral").EscalationStartsAt);

        Assert.Null(@case.MarkClosed().Status("homicide-referral").EscalationStartsAt);
    }
}
