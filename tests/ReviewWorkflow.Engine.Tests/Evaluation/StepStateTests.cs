using ReviewWorkflow.Engine.Evaluation;
using static ReviewWorkflow.Engine.Tests.Evaluation.TestCase;

namespace ReviewWorkflow.Engine.Tests.Evaluation;

public sealed class StepStateTests
{
    private static Dictionary<string, FieldValue> NoteFound(bool found) => new() { ["noteFound"] = new BoolValue(found) };

    [Fact]
    public void NewCaseOffersOnlyStepsWithNothingToWaitFor()
    {
        var evaluation = new TestCase().Evaluate();

        var states = evaluation.Steps.ToDictionary(s => s.Step.Key, s => s.State);
        Assert.Equal(StepState.Available, states["initial-report"]);
        Assert.Equal(StepState.Available, states["family-notification"]);
        Assert.Equal(StepState.Available, states["family-information"]);
        Assert.Equal(StepState.Blocked, states["intelligence-checks"]);
        Assert.Equal(StepState.Blocked, states["linkage-check"]);
        Assert.Equal(StepState.Blocked, states["digital-devices"]);
        Assert.Equal(StepState.Blocked, states["supervisor-review"]);
        Assert.Equal(StepState.Blocked, states["classification"]);
        Assert.Equal(StepState.Blocked, states["closure"]);
        // No answer to "was a note found?" yet, and no link or referral: these do not apply yet.
        Assert.Equal(StepState.NotApplicable, states["forensic-documents"]);
        Assert.Equal(StepState.NotApplicable, states["homicide-referral"]);
    }

    [Fact]
    public void BlockedStepSaysInWordsWhatItWaitsFor()
    {
        var status = new TestCase().Status("intelligence-checks");

        Assert.Equal(StepState.Blocked, status.State);
        Assert.Equal(["initial-report (available)"], status.WaitingFor);
    }

    [Fact]
    public void AvailableStepWaitsForNothing()
    {
        Assert.Empty(new TestCase().Status("initial-report").WaitingFor);
    }

    [Fact]
    public void CompletingAStepMakesItCompletedAndUnblocksWhatWaitsForIt()
    {
        var @case = new TestCase().Completed("initial-report", atHours: 1);

        var report = @case.Status("initial-report");
        Assert.Equal(StepState.Completed, report.State);
        Assert.Equal(At(1), report.Completion!.At);
        Assert.Equal(StepState.Available, @case.Status("intelligence-checks").State);
        Assert.Equal(StepState.Available, @case.Status("classification").State);
    }

    [Fact]
    public void StepGoesFromBlockedToAvailableToCompletedToReturnedToCompleted()
    {
        var @case = new TestCase();
        Assert.Equal(StepState.Blocked, @case.Status("intelligence-checks").State);

        @case.Completed("initial-report", atHours: 1);
        Assert.Equal(StepState.Available, @case.Status("intelligence-checks").State);

        @case.Completed("intelligence-checks", atHours: 2);
        Assert.Equal(StepState.Completed, @case.Status("intelligence-checks").State);

        @case.Returned("intelligence-checks", "Associates not checked", atHours: 3);
        var returned = @case.Status("intelligence-checks");
        Assert.Equal(StepState.Returned, returned.State);
        Assert.Null(returned.Completion);
        Assert.Equal("Associates not checked", returned.Return!.Note);

        @case.Completed("intelligence-checks", by: OtherOfficer, atHours: 4);
        var redone = @case.Status("intelligence-checks");
        Assert.Equal(StepState.Completed, redone.State);
        Assert.Equal(OtherOfficer.Id, redone.Completion!.ActorId);
        Assert.Equal(At(3), redone.Return!.At); // the latest return stays on record with its reason
    }

    [Fact]
    public void ActivitiesAreReadOldestFirstWhateverOrderTheyArrive()
    {
        var @case = new TestCase()
            .Completed("initial-report", atHours: 5)
            .Returned("initial-report", "Address incomplete", atHours: 3)
            .Completed("initial-report", atHours: 1);

        Assert.Equal(StepState.Completed, @case.Status("initial-report").State);
        Assert.Equal(At(5), @case.Status("initial-report").Completion!.At);
    }

    [Fact]
    public void ContributionDoesNotCompleteAStep()
    {
        var @case = new TestCase().Completed("initial-report").Contributed("linkage-check", "dispositioned a linkage candidate");

        Assert.Equal(StepState.Available, @case.Status("linkage-check").State);
    }

    [Fact]
    public void ReturnedStepStaysReturnedEvenWhenItsOwnPrerequisiteIsReturnedToo()
    {
        var @case = new TestCase()
            .Completed("initial-report").Completed("intelligence-checks")
            .Returned("initial-report", "Redo", atHours: 3).Returned("intelligence-checks", "Redo", atHours: 3);

        Assert.Equal(StepState.Returned, @case.Status("intelligence-checks").State);
    }

    [Fact]
    public void ConditionalStepAppliesWhenTheFieldItDependsOnIsTrue()
    {
        var @case = new TestCase().Completed("initial-report", fields: NoteFound(true));

        Assert.Equal(StepState.Available, @case.Status("forensic-documents").State);
    }

    [Fact]
    public void ConditionalStepDoesNotApplyWhenTheFieldItDependsOnIsFalse()
    {
        var @case = new TestCase().Completed("initial-report", fields: NoteFound(false));

        Assert.Equal(StepState.NotApplicable, @case.Status("forensic-documents").State);
    }

    [Fact]
    public void ConditionalStepAppliesThroughACaseMarkerEvenWithoutTheField()
    {
        var @case = new TestCase()
            .Completed("initial-report", fields: NoteFound(false))
            .WithFacts(f => f with { Markers = ["posed", "Note-Found"] });

        Assert.Equal(StepState.Available, @case.Status("forensic-documents").State);
    }

    [Fact]
    public void ConditionalStepIsBlockedRatherThanAvailableWhileItsPrerequisiteIsUnfinished()
    {
        var @case = new TestCase().WithFacts(f => f with { Markers = ["note-found"] });

        var status = @case.Status("forensic-documents");
        Assert.Equal(StepState.Blocked, status.State);
        Assert.Equal(["initial-report (available)"], status.WaitingFor);
    }

    [Fact]
    public void ReturningTheAnswerAConditionDependsOnMakesTheConditionFalseUntilRedone()
    {
        var @case = new TestCase()
            .Completed("initial-report", fields: NoteFound(true))
            .Returned("initial-report", "Wrong address", atHours: 2);
        Assert.Equal(StepState.NotApplicable, @case.Status("forensic-documents").State);

        @case.Completed("initial-report", atHours: 3, fields: NoteFound(true));
        Assert.Equal(StepState.Available, @case.Status("forensic-documents").State);
    }

    [Fact]
    public void HomicideReferralBecomesRequiredOnceALinkIsConfirmed()
    {
        var @case = new TestCase().Completed("initial-report");
        Assert.Equal(StepState.NotApplicable, @case.Status("homicide-referral").State);

        @case.WithFacts(f => f with { LinkedCandidates = 1 });

        Assert.Equal(StepState.Available, @case.Status("homicide-referral").State);
    }

    [Fact]
    public void HomicideReferralIsRequiredWhenRequestedOrWhenClassifiedAsHomicide()
    {
        Assert.Equal(StepState.Available,
            new TestCase().Completed("initial-report").WithFacts(f => f with { ReferralRequested = true }).Status("homicide-referral").State);
        Assert.Equal(StepState.Available,
            new TestCase().Completed("initial-report").ClassifiedAs("Homicide").Status("homicide-referral").State);
    }

    [Fact]
    public void LateLinkMakesTheReferralDueEvenOnAnApprovedCase()
    {
        // A link confirmed late makes the referral due even on an approved case; closure then waits for it.
        var @case = TestCase.ReadyToClose().WithFacts(f => f with { LinkedCandidates = 1 });

        Assert.Equal(StepState.Available, @case.Status("homicide-referral").State);
        Assert.Contains("homicide-referral: not completed", @case.Evaluate().Unmet);
        Assert.False(@case.Evaluate().CanClose);
    }

    [Fact]
    public void SignOffWaitsForEveryStepItApprovesNotOnlyItsPrerequisites()
    {
        var @case = new TestCase().Completed("initial-report").Completed("intelligence-checks");

        var review = @case.Status("supervisor-review");

        Assert.Equal(StepState.Blocked, review.State);
        Assert.Equal(
        [
            "linkage-check (available)", "family-notification (available)", "family-information (available)",
            "digital-devices (available)", "post-mortem-toxicology (available)",
        ], review.WaitingFor);
    }

    [Fact]
    public void SignOffBecomesAvailableWhenApprovedStepsAreCompletedOrNotApplicable()
    {
        var @case = new TestCase().AllWorkDone();

        Assert.Equal(StepState.NotApplicable, @case.Status("forensic-documents").State);
        Assert.Equal(StepState.Available, @case.Status("supervisor-review").State);
    }

    [Fact]
    public void WaitingForNamesAReturnedPrerequisiteAsReturned()
    {
        var @case = new TestCase().AllWorkDone().Returned("initial-report", "Address incomplete", atHours: 6);

        Assert.Equal(["initial-report (returned)"], @case.Status("supervisor-review").WaitingFor);
    }

    [Fact]
    public void ClosureStepIsCompletedOnlyWhenTheCaseIsClosed()
    {
        var open = new TestCase().Completed("closure");
        Assert.Equal(StepState.Blocked, open.Status("closure").State);

        var closed = new TestCase().MarkClosed();
        Assert.Equal(StepState.Completed, closed.Status("closure").State);
    }

    [Fact]
    public void ClassificationStepCompletionIsItsLatestCompletion()
    {
        var first = new Dictionary<string, FieldValue> { ["category"] = new ChoiceValue("homicide") };
        var second = new Dictionary<string, FieldValue> { ["category"] = new ChoiceValue("not-suspicious") };
        var @case = new TestCase().Completed("initial-report")
            .Completed("classification", atHours: 2, fields: first)
            .Completed("classification", atHours: 3, fields: second);

        Assert.Equal(new ChoiceValue("not-suspicious"), @case.Status("classification").Completion!.Fields["category"]);
    }
}
