namespace ReviewWorkflow.Engine.Tests.Evaluation;

public sealed class UnmetTests
{
    [Fact]
    public void NewCaseListsEveryApplicableStepInDefinitionOrder()
    {
        var evaluation = new TestCase().Evaluate();

        Assert.Equal(
        [
            "initial-report: not completed",
            "intelligence-checks: not completed",
            "linkage-check: not completed",
            "family-notification: not completed",
            "family-information: not completed",
            "digital-devices: not completed",
            "post-mortem-toxicology: not completed",
            "supervisor-review: not completed",
            "classification: still under-investigation",
        ], evaluation.Unmet);
        Assert.False(evaluation.CanClose);
    }

    [Fact]
    public void ReturnedStepNamesTheSignOffAndTheReason()
    {
        var @case = new TestCase().AllWorkDone().Returned("digital-devices", "Laptop decision has no rationale", atHours: 6);

        Assert.Contains("digital-devices: returned by supervisor-review — Laptop decision has no rationale", @case.Evaluate().Unmet);
    }

    [Fact]
    public void ReturnWithoutRecordedSignOffIsAttributedToTheSignOffCoveringTheStep()
    {
        var @case = new TestCase().AllWorkDone().Add(new(
            "digital-devices", Engine.Evaluation.ActivityKind.Returned, TestCase.Supervisor.Id, TestCase.At(6),
            new Dictionary<string, Engine.Evaluation.FieldValue>(), "Laptop not examined"));

        Assert.Contains("digital-devices: returned by supervisor-review — Laptop not examined", @case.Evaluate().Unmet);
    }

    [Fact]
    public void UndecidedLinkageCandidatesAreUnmetEvenAfterTheCheckWasCompleted()
    {
        var @case = TestCase.ReadyToClose().WithFacts(f => f with { UndecidedCandidates = 2 });

        Assert.Equal(["linkage-check: 2 candidates not dispositioned", "supervisor-review: approval lapsed — linkage-check reopened after the approval: 2 candidates not dispositioned; it must be signed off again"], @case.Evaluate().Unmet);
        Assert.False(@case.Evaluate().CanClose);
    }

    [Fact]
    public void OneUndecidedCandidateIsWordedInTheSingular()
    {
        var @case = TestCase.ReadyToClose().WithFacts(f => f with { UndecidedCandidates = 1 });

        Assert.Equal(["linkage-check: 1 candidate not dispositioned", "supervisor-review: approval lapsed — linkage-check reopened after the approval: 1 candidate not dispositioned; it must be signed off again"], @case.Evaluate().Unmet);
    }

    [Fact]
    public void OpenFamilyInformationItemsAreUnmet()
    {
        var one = TestCase.ReadyToClose().WithFacts(f => f with { OpenFamilyItems = 1 });
        var three = TestCase.ReadyToClose().WithFacts(f => f with { OpenFamilyItems = 3 });

        Assert.Equal(["family-information: 1 family information item open"], one.Evaluate().Unmet);
        Assert.Equal(["family-information: 3 family information items open"], three.Evaluate().Unmet);
    }

    [Fact]
    public void RegisterLinesFollowTheirStepsLine()
    {
        var @case = new TestCase().WithFacts(f => f with { UndecidedCandidates = 1, OpenFamilyItems = 2 });

        var unmet = @case.Evaluate().Unmet.ToList();

        Assert.Equal(unmet.IndexOf("linkage-check: not completed") + 1, unmet.IndexOf("linkage-check: 1 candidate not dispositioned"));
        Assert.Equal(unmet.IndexOf("family-information: not completed") + 1, unmet.IndexOf("family-information: 2 family information items open"));
    }

    [Fact]
    public void CaseReclassifiedBackToUnderInvestigationCannotClose()
    {
        var @case = TestCase.ReadyToClose().ClassifiedAs("under-investigation");

        Assert.Equal(["classification: still under-investigation"], @case.Evaluate().Unmet);
        Assert.False(@case.Evaluate().CanClose);
    }

    [Fact]
    public void UnclassifiedStepWithAMovedClassificationSaysNotCompleted()
    {
        // The application may open a case in another category; the decision must still be recorded.
        var @case = new TestCase().AllWorkDone().Approved().ClassifiedAs("expected");

        Assert.Equal(["classification: not completed", "classification-review: not completed"], @case.Evaluate().Unmet);
    }

    [Fact]
    public void CaseCanCloseWhenNothingIsUnmet()
    {
        var evaluation = TestCase.ReadyToClose().Evaluate();

        Assert.Empty(evaluation.Unmet);
        Assert.True(evaluation.CanClose);
        Assert.Equal(Engine.Evaluation.StepState.Available, evaluation["closure"]!.State);
    }

    [Fact]
    public void ClosedCaseHasNothingUnmetAndCannotCloseAgain()
    {
        var evaluation = new TestCase().MarkClosed().Evaluate();

        Assert.Empty(evaluation.Unmet);
        Assert.False(evaluation.CanClose);
    }

    [Fact]
    public void ApplicableConditionalStepsJoinTheList()
    {
        var @case = new TestCase().AllWorkDone().WithFacts(f => f with { Markers = ["note-found"], LinkedCandidates = 1 });

        var unmet = @case.Evaluate().Unmet;

        Assert.Contains("forensic-documents: not completed", unmet);
        Assert.Contains("homicide-referral: not completed", unmet);
    }
}
