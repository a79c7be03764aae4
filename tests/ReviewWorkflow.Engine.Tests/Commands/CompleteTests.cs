using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Evaluation;
using ReviewWorkflow.Engine.Tests.Evaluation;
using static ReviewWorkflow.Engine.Tests.Commands.Outcomes;
using static ReviewWorkflow.Engine.Tests.Evaluation.TestCase;

namespace ReviewWorkflow.Engine.Tests.Commands;

public sealed class CompleteTests
{
    private static readonly DateTimeOffset Now = At(2);

    private static CommandOutcome Complete(TestCase @case, string stepKey, Actor? actor = null, string? json = null, string? note = null) =>
        Procedure.Complete(@case.Definition, @case.State, stepKey,
            json is null ? ValidInput.For(stepKey) : ValidInput.Json(json), note, actor ?? Officer, Now);

    [Fact]
    public void CompletingAnAvailableStepRecordsItsTypedAnswers()
    {
        var events = Events(Complete(new TestCase(), "initial-report", note: "  Scene held by PC Smith  "));

        var completed = Assert.IsType<StepCompleted>(Assert.Single(events));
        Assert.Equal(("initial-report", Officer.Id, Now, "Scene held by PC Smith"), (completed.StepKey, completed.ActorId, completed.At, completed.Note));
        Assert.Equal(new BoolValue(false), completed.Fields["noteFound"]);
        Assert.Equal(8, completed.Fields.Count);
    }

    [Fact]
    public void BlankNoteIsRecordedAsNoNote()
    {
        var completed = Assert.IsType<StepCompleted>(Assert.Single(Events(Complete(new TestCase(), "family-information", note: "  "))));

        Assert.Null(completed.Note);
    }

    [Fact]
    public void NothingCanBeCompletedOnAClosedCase()
    {
        Assert.Equal("the case is closed", SingleReason(Complete(new TestCase().MarkClosed(), "initial-report"), RefusalKind.Conflict));
    }

    [Fact]
    public void UnknownStepIsNotFound()
    {
        Assert.Equal("no step 'autopsy' in this workflow", SingleReason(Complete(new TestCase(), "autopsy"), RefusalKind.NotFound));
    }

    [Theory]
    [InlineData("supervisor-review", "supervisor-review cannot be completed directly: use the sign-off command")]
    [InlineData("classification", "classification cannot be completed directly: use the classification command")]
    [InlineData("closure", "closure cannot be completed directly: use the close command")]
    public void StepsWithTheirOwnCommandCannotBeCompletedDirectly(string stepKey, string reason)
    {
        var @case = TestCase.ReadyToClose();

        Assert.Equal(reason, SingleReason(Complete(@case, stepKey, Inspector, "{}"), RefusalKind.Conflict));
    }

    [Fact]
    public void AdminDoesNoCasework()
    {
        Assert.Equal("only an officer may complete initial-report", SingleReason(Complete(new TestCase(), "initial-report", Admin), RefusalKind.Forbidden));
    }

    [Fact]
    public void OfficerCannotCompleteASupervisorsStep()
    {
        var definition = TestDefinitions.Workflow(TestDefinitions.Step("review-note", role: "supervisor"));

        Assert.Equal("only a supervisor may complete review-note",
            SingleReason(Complete(new TestCase(definition), "review-note", Officer, "{}"), RefusalKind.Forbidden));
    }

    [Fact]
    public void SupervisorMayCompleteAnOfficersStep()
    {
        Assert.IsType<Accepted>(Complete(new TestCase(), "initial-report", Supervisor));
    }

    [Fact]
    public void BlockedStepSaysWhatItWaitsFor()
    {
        Assert.Equal("intelligence-checks is blocked: waits for initial-report (available)",
            SingleReason(Complete(new TestCase(), "intelligence-checks"), RefusalKind.Conflict));
    }

    [Fact]
    public void CompletedStepCannotBeCompletedAgain()
    {
        var @case = new TestCase().Completed("initial-report");

        Assert.Equal("initial-report is already completed", SingleReason(Complete(@case, "initial-report"), RefusalKind.Conflict));
    }

    [Fact]
    public void NotApplicableStepCannotBeCompleted()
    {
        var @case = new TestCase().Completed("initial-report");

        Assert.Equal("forensic-documents does not apply to this case", SingleReason(Complete(@case, "forensic-documents"), RefusalKind.Conflict));
        Assert.Equal("homicide-referral does not apply to this case", SingleReason(Complete(@case, "homicide-referral"), RefusalKind.Conflict));
    }

    [Fact]
    public void ReturnedStepCanBeRedone()
    {
        var @case = new TestCase().Completed("initial-report").Returned("initial-report", "Reporter's phone missing");

        Assert.IsType<Accepted>(Complete(@case, "initial-report"));
    }

    [Fact]
    public void ReferralCanBeCompletedOnceALinkIsConfirmed()
    {
        var @case = new TestCase().Completed("initial-report").WithFacts(f => f with { LinkedCandidates = 1 });

        var events = Events(Complete(@case, "homicide-referral"));

        var completed = Assert.IsType<StepCompleted>(events[0]);
        Assert.Equal(new ChoiceValue("accepted"), completed.Fields["outcome"]);
        Assert.Equal("DCI Green", Assert.IsType<CaseOwnerChanged>(Assert.Single(events.Skip(1))).Owner);
    }

    [Fact]
    public void LinkageCheckCannotBeCompletedWithUndecidedCandidates()
    {
        var two = new TestCase().Completed("initial-report").WithFacts(f => f with { UndecidedCandidates = 2 });
        var one = new TestCase().Completed("initial-report").WithFacts(f => f with { UndecidedCandidates = 1 });

        Assert.Equal("2 linkage candidates not dispositioned", SingleReason(Complete(two, "linkage-check"), RefusalKind.Conflict));
        Assert.Equal("1 linkage candidate not dispositioned", SingleReason(Complete(one, "linkage-check"), RefusalKind.Conflict));
    }

    [Fact]
    public void FamilyInformationCannotBeCompletedWithOpenItems()
    {
        var @case = new TestCase().WithFacts(f => f with { OpenFamilyItems = 3 });

        Assert.Equal("3 family information items open", SingleReason(Complete(@case, "family-information"), RefusalKind.Conflict));
    }

    [Fact]
    public void InvalidFieldsAreRefusedWithEachFieldNamed()
    {
        var refused = Refused(Complete(new TestCase(), "initial-report", json: """{"noteFound":"yes","address":""}"""), RefusalKind.Invalid);

        Assert.Equal(["must be true or false"], refused.FieldErrors["fields.noteFound"]);
        Assert.Equal(["required"], refused.FieldErrors["fields.address"]);
        Assert.Equal(8, refused.FieldErrors.Count);
        Assert.Contains("fields.noteFound: must be true or false", refused.Reasons);
    }

    [Fact]
    public void ChecksRunInOrderSoTheMostFundamentalProblemIsNamed()
    {
        // Blocked and with bad fields: the officer must learn it is blocked before fixing the form.
        var reason = SingleReason(Complete(new TestCase(), "intelligence-checks", json: "{}"), RefusalKind.Conflict);

        Assert.StartsWith("intelligence-checks is blocked", reason);
    }
}
