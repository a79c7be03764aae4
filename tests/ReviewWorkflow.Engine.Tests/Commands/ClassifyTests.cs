using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Evaluation;
using ReviewWorkflow.Engine.Tests.Evaluation;
using static ReviewWorkflow.Engine.Tests.Commands.Outcomes;
using static ReviewWorkflow.Engine.Tests.Evaluation.TestCase;
using static ReviewWorkflow.Engine.Tests.Evaluation.TestDefinitions;

namespace ReviewWorkflow.Engine.Tests.Commands;

public sealed class ClassifyTests
{
    private const string Rationale = ValidInput.ClassificationRationale;
    private const string RationaleRule = "a rationale of at least 30 characters is required";
    private static readonly DateTimeOffset Now = At(8);

    private static CommandOutcome Classify(TestCase @case, string category, string? rationale = Rationale, Actor? actor = null) =>
        Procedure.Classify(@case.Definition, @case.State, category, rationale, actor ?? Officer, Now);

    private static TestCase Reported() => new TestCase().Completed("initial-report");

    [Fact]
    public void HomicideNeedsOnlyTheInitialReport()
    {
        var events = Events(Classify(Reported(), "homicide"));

        Assert.Equal(2, events.Count);
        var completed = Assert.IsType<StepCompleted>(events[0]);
        Assert.Equal(("classification", Officer.Id, Now, Rationale), (completed.StepKey, completed.ActorId, completed.At, completed.Note));
        Assert.Equal(new ChoiceValue("homicide"), completed.Fields["category"]);
        Assert.Equal(new TextValue(Rationale), completed.Fields["rationale"]);
        Assert.Equal(new CaseClassified(Now, Officer.Id, "under-investigation", "homicide", Rationale), events[1]);
    }

    [Fact]
    public void NotSuspiciousIsRefusedWithEveryMissingStepListed()
    {
        Assert.Equal(
        [
            "intelligence-checks: not completed",
            "linkage-check: not completed",
            "family-notification: not completed",
            "family-information: not completed",
            "digital-devices: not completed",
            "post-mortem-toxicology: not completed",
            "supervisor-review: not completed",
        ], Refused(Classify(Reported(), "not-suspicious"), RefusalKind.Conflict).Reasons);
    }

    [Fact]
    public void NotSuspiciousNeedsTheSupervisorsSignOff()
    {
        Assert.Equal("supervisor-review: not completed",
            SingleReason(Classify(new TestCase().AllWorkDone(), "not-suspicious"), RefusalKind.Conflict));
    }

    [Fact]
    public void NotSuspiciousNeedsClearedRegisters()
    {
        var @case = new TestCase().AllWorkDone().Approved().WithFacts(f => f with { UndecidedCandidates = 2, OpenFamilyItems = 1 });

        Assert.Equal(
            ["supervisor-review: approval lapsed — linkage-check reopened after the approval: 2 candidates not dispositioned; it must be signed off again", "linkage-check: 2 candidates not dispositioned", "family-information: 1 family information item open"],
            Refused(Classify(@case, "not-suspicious"), RefusalKind.Conflict).Reasons);
    }

    [Fact]
    public void ExpectedNeedsTheSameAsNotSuspicious()
    {
        Assert.Equal("supervisor-review: not completed",
            SingleReason(Classify(new TestCase().AllWorkDone(), "expected"), RefusalKind.Conflict));
        Assert.IsType<Accepted>(Classify(new TestCase().AllWorkDone().Approved(), "expected"));
    }

    [Fact]
    public void ReturnedRequirementIsListedWithItsReason()
    {
        var @case = new TestCase().AllWorkDone().Returned("digital-devices", "Laptop not considered", atHours: 6);

        Assert.Equal(
            ["digital-devices: returned by supervisor-review — Laptop not considered", "supervisor-review: not completed"],
            Refused(Classify(@case, "not-suspicious"), RefusalKind.Conflict).Reasons);
    }

    [Fact]
    public void ApplicableConditionalStepIsRequired()
    {
        var @case = new TestCase().AllWorkDone().Approved().WithFacts(f => f with { Markers = ["note-found"] });

        // The approval did not cover the forensic work, so it lapses with it.
        Assert.Equal(
            [
                "forensic-documents: not completed",
                "supervisor-review: approval lapsed — forensic-documents became required after the approval; it must be signed off again",
            ],
            Refused(Classify(@case, "not-suspicious"), RefusalKind.Conflict).Reasons);
    }

    [Fact]
    public void UnknownCategoryIsInvalid()
    {
        var refused = Refused(Classify(Reported(), "suicide"), RefusalKind.Invalid);

        Assert.Equal(["must be one of: expected, not-suspicious, under-investigation, homicide"], refused.FieldErrors["category"]);
    }

    [Fact]
    public void CategoryIsReadWhateverItsCase()
    {
        var events = Events(Classify(Reported(), "Homicide"));

        Assert.Equal("homicide", Assert.IsType<CaseClassified>(events[1]).To);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Not suspicious.")]
    [InlineData("          no third party          ")]
    public void RationaleShorterThanTheMinimumIsRefused(string? rationale)
    {
        var refused = Refused(Classify(Reported(), "homicide", rationale), RefusalKind.Invalid);

        Assert.Equal([RationaleRule], refused.FieldErrors["rationale"]);
    }

    [Theory]
    [InlineData("..............................")]
    [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("X x X x X x X x X x X x X x X x X x")]
    [InlineData("-- -- -- ?? !! -- -- -- ?? !! -- -- --")]
    public void PaddedPlaceholderRationaleIsRefused(string rationale)
    {
        Assert.Equal([RationaleRule], Refused(Classify(Reported(), "homicide", rationale), RefusalKind.Invalid).FieldErrors["rationale"]);
    }

    [Theory]
    [InlineData("n/a")]
    [InlineData("N/A")]
    [InlineData("na")]
    [InlineData("None")]
    [InlineData("tbc")]
    [InlineData("TBD")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("test")]
    [InlineData("x")]
    [InlineData("nothing")]
    [InlineData("no")]
    [InlineData("OK")]
    [InlineData("?!")]
    [InlineData("zzz")]
    public void PlaceholderRationaleIsRefusedEvenWithoutAMinimumLength(string rationale)
    {
        var definition = Workflow(Step("classification", Engine.Definitions.StepKind.Decision,
            decides: Engine.Definitions.DecisionPurpose.Classification, initialCategory: "under-investigation",
            categories: [new("under-investigation", "", [], false), new("homicide", "", [], false)]));

        var refused = Refused(Classify(new TestCase(definition), "homicide", rationale), RefusalKind.Invalid);

        Assert.Equal(["a rationale is required"], refused.FieldErrors["rationale"]);
    }

    [Fact]
    public void CategoryAndRationaleProblemsAreReportedTogether()
    {
        var refused = Refused(Classify(Reported(), "suicide", "n/a"), RefusalKind.Invalid);

        Assert.Equal(["category", "rationale"], refused.FieldErrors.Keys.Order());
    }

    [Fact]
    public void AdminCannotClassify()
    {
        Assert.Equal("only an officer may classify the death", SingleReason(Classify(Reported(), "homicide", actor: Admin), RefusalKind.Forbidden));
    }

    [Fact]
    public void ClassificationWaitsForTheInitialReport()
    {
        Assert.Equal("classification is blocked: waits for initial-report (available)",
            SingleReason(Classify(new TestCase(), "homicide"), RefusalKind.Conflict));
    }

    [Fact]
    public void SameCategoryIsRefused()
    {
        var @case = Reported().Apply(Classify(Reported(), "homicide"));

        Assert.Equal("already classified as homicide", SingleReason(Classify(@case, "homicide"), RefusalKind.Conflict));
        Assert.Equal("already classified as under-investigation", SingleReason(Classify(Reported(), "under-investigation"), RefusalKind.Conflict));
    }

    [Fact]
    public void CaseMayBeReclassified()
    {
        var @case = TestCase.ReadyToClose();

        @case.Apply(Classify(@case, "homicide"));

        Assert.Equal("homicide", @case.State.Classification);
        Assert.Equal(new ChoiceValue("homicide"), @case.Status("classification").Completion!.Fields["category"]);
    }

    [Fact]
    public void MovingBackToUnderInvestigationRecordsOnlyTheReclassification()
    {
        var @case = Reported();
        @case.Apply(Classify(@case, "homicide"));

        var events = Events(Classify(@case, "under-investigation"));

        Assert.Equal(new CaseClassified(Now, Officer.Id, "homicide", "under-investigation", Rationale), Assert.Single(events));
    }

    [Fact]
    public void CaseMovedBackToUnderInvestigationShowsItIsUnclassifiedAgain()
    {
        var @case = TestCase.ReadyToClose();

        @case.Apply(Classify(@case, "under-investigation"));

        Assert.Equal(["classification: still under-investigation"], @case.Evaluate().Unmet);
    }

    [Fact]
    public void ClosedCaseCannotBeClassified()
    {
        Assert.Equal("the case is closed", SingleReason(Classify(Reported().MarkClosed(), "homicide"), RefusalKind.Conflict));
    }

    [Fact]
    public void WorkflowWithoutAClassificationStepRefuses()
    {
        var @case = new TestCase(Workflow(Step("report")));

        Assert.Equal("this workflow has no classification step", SingleReason(Classify(@case, "homicide"), RefusalKind.Conflict));
    }
}
