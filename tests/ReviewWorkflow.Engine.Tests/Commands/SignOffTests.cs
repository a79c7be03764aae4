using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Evaluation;
using ReviewWorkflow.Engine.Tests.Evaluation;
using static ReviewWorkflow.Engine.Tests.Commands.Outcomes;
using static ReviewWorkflow.Engine.Tests.Evaluation.TestCase;

namespace ReviewWorkflow.Engine.Tests.Commands;

public sealed class SignOffTests
{
    private static readonly DateTimeOffset Now = At(10);
    private const string Reason = "Checks are complete and proportionate.";

    private static CommandOutcome SignOff(
        TestCase @case, string decision = "approve", string? rationale = Reason, string[]? returnSteps = null,
        Actor? actor = null, string stepKey = "supervisor-review") =>
        Procedure.SignOff(@case.Definition, @case.State, stepKey, decision, rationale, returnSteps ?? [], actor ?? Supervisor, Now);

    [Fact]
    public void SupervisorApprovesWorkTheyDidNotDo()
    {
        var completed = Assert.IsType<StepCompleted>(Assert.Single(Events(SignOff(new TestCase().AllWorkDone()))));

        Assert.Equal(("supervisor-review", Supervisor.Id, Now, Reason), (completed.StepKey, completed.ActorId, completed.At, completed.Note));
        Assert.Equal(new ChoiceValue("approve"), completed.Fields["decision"]);
        Assert.Equal(new TextValue(Reason), completed.Fields["rationale"]);
    }

    [Fact]
    public void ApprovedSignOffIsCompleted()
    {
        var @case = new TestCase().AllWorkDone();

        @case.Apply(SignOff(@case));

        Assert.Equal(StepState.Completed, @case.Status("supervisor-review").State);
    }

    [Fact]
    public void DecisionIsReadWhateverItsCase()
    {
        Assert.IsType<Accepted>(SignOff(new TestCase().AllWorkDone(), decision: " Approve "));
    }

    [Fact]
    public void InspectorMaySignOffForASupervisor()
    {
        Assert.IsType<Accepted>(SignOff(new TestCase().AllWorkDone(), actor: Inspector));
    }

    [Fact]
    public void NothingCanBeSignedOffOnAClosedCase()
    {
        Assert.Equal("the case is closed", SingleReason(SignOff(new TestCase().MarkClosed()), RefusalKind.Conflict));
    }

    [Fact]
    public void UnknownSignOffIsNotFound()
    {
        Assert.Equal("no step 'peer-review' in this workflow",
            SingleReason(SignOff(new TestCase(), stepKey: "peer-review"), RefusalKind.NotFound));
    }

    [Fact]
    public void OnlyASignOffStepCanBeSignedOff()
    {
        Assert.Equal("initial-report is not a sign-off: use the complete command",
            SingleReason(SignOff(new TestCase(), stepKey: "initial-report"), RefusalKind.Conflict));
    }

    [Fact]
    public void DecisionMustBeApproveOrReturn()
    {
        var refused = Refused(SignOff(new TestCase().AllWorkDone(), decision: "reject"), RefusalKind.Invalid);

        Assert.Equal(["must be one of: approve, return"], refused.FieldErrors["decision"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void RationaleIsRequired(string? rationale)
    {
        var refused = Refused(SignOff(new TestCase().AllWorkDone(), rationale: rationale), RefusalKind.Invalid);

        Assert.Equal(["required"], refused.FieldErrors["rationale"]);
        Assert.Equal(["rationale: required"], refused.Reasons);
    }

    [Fact]
    public void OfficerCannotSignOff()
    {
        Assert.Equal("only a supervisor may sign off supervisor-review",
            SingleReason(SignOff(new TestCase().AllWorkDone(), actor: OtherOfficer), RefusalKind.Forbidden));
    }

    [Fact]
    public void SignOffWaitsUntilTheWorkIsDone()
    {
        var @case = new TestCase().Completed("initial-report").Completed("intelligence-checks").Completed("linkage-check")
            .Completed("family-notification").Completed("family-information").Completed("digital-devices");

        Assert.Equal("supervisor-review is blocked: waits for post-mortem-toxicology (available)",
            SingleReason(SignOff(@case), RefusalKind.Conflict));
    }

    [Fact]
    public void ApprovedSignOffCannotBeSignedOffAgain()
    {
        var @case = new TestCase().AllWorkDone().Approved();

        Assert.Equal("supervisor-review is already completed", SingleReason(SignOff(@case, actor: OtherSupervisor), RefusalKind.Conflict));
    }

    [Fact]
    public void ReturnSendsNamedStepsBackWithTheReason()
    {
        var events = Events(SignOff(new TestCase().AllWorkDone(), "return", "Laptop decision has no rationale",
            ["digital-devices", "intelligence-checks", "digital-devices"]));

        var returned = Assert.IsType<StepsReturned>(Assert.Single(events));
        Assert.Equal(("supervisor-review", Supervisor.Id, Now), (returned.SignOffStepKey, returned.ActorId, returned.At));
        Assert.Equal(["digital-devices", "intelligence-checks"], returned.Steps);
        Assert.Equal("Laptop decision has no rationale", returned.Reason);
    }

    [Fact]
    public void ReturnMustNameAtLeastOneStep()
    {
        var refused = Refused(SignOff(new TestCase().AllWorkDone(), "return", "Not good enough"), RefusalKind.Invalid);

        Assert.Equal(["name at least one step to return"], refused.FieldErrors["returnSteps"]);
    }

    [Fact]
    public void ReturnMayOnlyNameStepsTheSignOffCovers()
    {
        var refused = Refused(SignOff(new TestCase().AllWorkDone(), "return", "Redo", ["initial-report", "classification"]),
            RefusalKind.Invalid);

        Assert.Equal(["'classification' is not covered by supervisor-review"], refused.FieldErrors["returnSteps[1]"]);
        Assert.Equal(["returnSteps[1]: 'classification' is not covered by supervisor-review"], refused.Reasons);
    }

    [Fact]
    public void ReturnMayOnlyNameCompletedSteps()
    {
        Assert.Equal("forensic-documents is not applicable, so it cannot be returned",
            SingleReason(SignOff(new TestCase().AllWorkDone(), "return", "Redo", ["forensic-documents"]), RefusalKind.Conflict));
    }

    [Fact]
    public void SupervisorMayReturnWorkTheyDidThemselves()
    {
        // Sending one's own work back for a redo weakens nothing; only approving it would.
        var @case = new TestCase().AllWorkDone(by: Supervisor);

        Assert.IsType<Accepted>(SignOff(@case, "return", "I missed the associates", ["intelligence-checks"]));
    }

    [Fact]
    public void SignOffBarsSayWhyNoDecisionIsPossibleBeforeOneIsSent()
    {
        var done = new TestCase().AllWorkDone();
        Assert.Empty(Procedure.SignOffBars(done.Definition, done.State, "supervisor-review", Supervisor));
        Assert.Equal(["only a supervisor may sign off supervisor-review"], Procedure.SignOffBars(done.Definition, done.State, "supervisor-review", Officer));
        var early = new TestCase();
        Assert.StartsWith("supervisor-review is blocked", Assert.Single(Procedure.SignOffBars(early.Definition, early.State, "supervisor-review", Supervisor)));
        var closed = new TestCase().MarkClosed();
        Assert.Equal(["the case is closed"], Procedure.SignOffBars(closed.Definition, closed.State, "supervisor-review", Supervisor));
        // The same bars as the command itself gives, whatever decision is sent.
        Assert.Equal(Assert.Single(Procedure.SignOffBars(done.Definition, done.State, "supervisor-review", Officer)), SingleReason(SignOff(done, actor: Officer), RefusalKind.Forbidden));
    }
}
