using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Definitions;
using ReviewWorkflow.Engine.Evaluation;
using ReviewWorkflow.Engine.Tests.Evaluation;
using static ReviewWorkflow.Engine.Tests.Commands.Outcomes;
using static ReviewWorkflow.Engine.Tests.Evaluation.TestCase;
using static ReviewWorkflow.Engine.Tests.Evaluation.TestDefinitions;

namespace ReviewWorkflow.Engine.Tests.Commands;

public sealed class CloseTests
{
    private const string Reason = "All lines of enquiry complete; not suspicious.";
    private static readonly DateTimeOffset Now = At(9);

    private static CommandOutcome Close(TestCase @case, string? rationale = Reason, Actor? actor = null) =>
        Procedure.Close(@case.Definition, @case.State, rationale, actor ?? Officer, Now);

    [Fact]
    public void ReadyCaseClosesWithItsRationale()
    {
        var events = Events(Close(TestCase.ReadyToClose()));

        Assert.Equal(2, events.Count);
        var completed = Assert.IsType<StepCompleted>(events[0]);
        Assert.Equal(("closure", Officer.Id, Now, Reason), (completed.StepKey, completed.ActorId, completed.At, completed.Note));
        Assert.Equal(new TextValue(Reason), completed.Fields["rationale"]);
        Assert.Equal(new CaseClosed(Now, Officer.Id, Reason), events[1]);
    }

    [Fact]
    public void ClosedCaseShowsClosureCompletedAndNothingUnmet()
    {
        var @case = TestCase.ReadyToClose();

        @case.Apply(Close(@case));

        var evaluation = @case.Evaluate();
        Assert.Equal(StepState.Completed, evaluation["closure"]!.State);
        Assert.Empty(evaluation.Unmet);
        Assert.False(evaluation.CanClose);
    }

    [Fact]
    public void ClosingIsRefusedWithExactlyTheUnmetList()
    {
        var @case = new TestCase().Completed("initial-report").WithFacts(f => f with { UndecidedCandidates = 3 });

        var refused = Refused(Close(@case), RefusalKind.Conflict);

        Assert.Equal(@case.Evaluate().Unmet, refused.Reasons);
        Assert.Equal(
        [
            "intelligence-checks: not completed",
            "linkage-check: not completed",
            "linkage-check: 3 candidates not dispositioned",
            "family-notification: not completed",
            "family-information: not completed",
            "digital-devices: not completed",
            "post-mortem-toxicology: not completed",
            "supervisor-review: not completed",
            "classification: still under-investigation",
        ], refused.Reasons);
    }

    [Fact]
    public void NewCandidateAfterApprovalStopsClosure()
    {
        var @case = TestCase.ReadyToClose().WithFacts(f => f with { UndecidedCandidates = 1 });

        Assert.Equal(["linkage-check: 1 candidate not dispositioned", "supervisor-review: approval lapsed — linkage-check reopened after the approval: 1 candidate not dispositioned; it must be signed off again"], Refused(Close(@case), RefusalKind.Conflict).Reasons);
    }

    [Fact]
    public void OpenDirectionStopsClosureAndIsNamed()
    {
        var due = At(30);
        var @case = TestCase.ReadyToClose().WithFacts(f => f with { OpenDirections = [new OpenDirection("D-2", "Olive Officer", due)] });

        Assert.Equal($"direction D-2 to Olive Officer, due {due.UtcDateTime:yyyy-MM-dd HH:mm} UTC: not answered", SingleReason(Close(@case), RefusalKind.Conflict));
        Assert.False(@case.Evaluate().CanClose);
    }

    [Fact]
    public void OpenDirectionIsListedOnAClosedCaseToo()
    {
        var @case = TestCase.ReadyToClose();
        @case.Apply(Close(@case));

        @case.WithFacts(f => f with { OpenDirections = [new OpenDirection("D-1", "Olive Officer", At(30))] });

        Assert.Single(@case.Evaluate().Unmet, u => u.StartsWith("direction D-1 to Olive Officer", StringComparison.Ordinal));
    }

    [Fact]
    public void FamilyItemReceivedAfterApprovalStopsClosure()
    {
        var @case = TestCase.ReadyToClose().WithFacts(f => f with { OpenFamilyItems = 1 });

        Assert.Equal("family-information: 1 family information item open", SingleReason(Close(@case), RefusalKind.Conflict));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void RationaleIsRequired(string? rationale)
    {
        Assert.Equal(["required"], Refused(Close(TestCase.ReadyToClose(), rationale), RefusalKind.Invalid).FieldErrors["rationale"]);
    }

    [Fact]
    public void AdminCannotClose()
    {
        Assert.Equal("only an officer may close the case", SingleReason(Close(TestCase.ReadyToClose(), actor: Admin), RefusalKind.Forbidden));
    }

    [Fact]
    public void ClosedCaseCannotBeClosedAgain()
    {
        Assert.Equal("the case is closed", SingleReason(Close(TestCase.ReadyToClose().MarkClosed()), RefusalKind.Conflict));
    }

    [Fact]
    public void WorkflowWithoutAClosureStepRefuses()
    {
        Assert.Equal("this workflow has no closure step", SingleReason(Close(new TestCase(Workflow(Step("report")))), RefusalKind.Conflict));
    }

    [Fact]
    public void ClosureThatDoesNotApplyIsNamedWhenNothingElseIsUnmet()
    {
        var definition = Workflow(Step("closure", StepKind.Decision, decides: DecisionPurpose.Closure, when: Truthy("case.linked")));

        Assert.Equal("closure does not apply to this case", SingleReason(Close(new TestCase(definition)), RefusalKind.Conflict));
    }
}
