using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Definitions;
using ReviewWorkflow.Engine.Evaluation;
using ReviewWorkflow.Engine.Tests.Definitions;
using ReviewWorkflow.Engine.Tests.Evaluation;
using static ReviewWorkflow.Engine.Tests.Evaluation.TestCase;

namespace ReviewWorkflow.Engine.Tests.Commands;

/// <summary>Moving a case from the procedure's v1 to v2, and from the proportionate route to the full procedure.</summary>
public sealed class MigrationTests
{
    private static readonly WorkflowDefinition V1 = Minimal.Valid(Files.DefaultWorkflow());
    private static readonly WorkflowDefinition V2 = Minimal.Valid(Files.Read("workflows", "unexplained-death", "v2.yaml"));
    private static readonly WorkflowDefinition Expected = Minimal.Valid(Files.Read("workflows", "expected-death", "v1.yaml"));
    private static readonly DateTimeOffset Now = At(100);

    private static MigrationPlan Plan(TestCase c, WorkflowDefinition to, params string[] redo) =>
        WorkflowMigration.Plan(c.Definition, to, c.State, redo, Admin, Now);

    [Fact]
    public void ANewCaseGetsV2sStepsWithDeadlinesFromTheMove()
    {
        var plan = Plan(new TestCase(V1), V2);

        Assert.True(plan.CanApply, string.Join("; ", plan.Refusals));
        Assert.Contains("early-review", plan.StepsAdded);
        Assert.Contains("coroner-informed", plan.StepsAdded);
        Assert.Empty(plan.StepsRemoved);
        Assert.Contains("initial-report", plan.StepsUnchanged);
        Assert.Empty(plan.AnswersCarried);
        // Nobody could do a step before it existed: it is due from the move, not from the case's opening.
        Assert.Equal(Now + TimeSpan.FromHours(24), plan.Deadlines.Single(d => d.Step == "coroner-informed").DueAt);
        Assert.Null(plan.Deadlines.Single(d => d.Step == "coroner-informed").Before);
        Assert.Equal(Opened + TimeSpan.FromHours(4), plan.Deadlines.Single(d => d.Step == "initial-report").DueAt);
        Assert.All(plan.Activities, a => Assert.Equal(ActivityKind.Introduced, a.Kind));
        Assert.Equal(plan.StepsAdded.Order(), plan.Activities.Select(a => a.StepKey).Order());
    }

    [Fact]
    public void AnApprovedCaseCarriesItsAnswersAndItsApprovalLapsesOverTheNewWork()
    {
        var c = new TestCase(V1).AllWorkDone().Approved();

        var plan = Plan(c, V2);

        Assert.True(plan.CanApply, string.Join("; ", plan.Refusals));
        Assert.Contains(new AnswerCarried("initial-report", "attendingOfficers"), plan.AnswersCarried);
        Assert.Contains(new AnswerCarried("post-mortem-toxicology", "substancesFound"), plan.AnswersCarried);
        Assert.Empty(plan.AnswersLost);
        var lapse = Assert.Single(plan.ApprovalsLapsing);
        Assert.Equal("supervisor-review", lapse.Step);
        Assert.Contains("became required after the approval", lapse.Reason);
    }

    [Fact]
    public void AClosedCaseIsNotMigrated()
    {
        var plan = Plan(new TestCase(V1).MarkClosed(), V2);

        Assert.False(plan.CanApply);
        Assert.Contains("closed cases are not migrated", Assert.Single(plan.Refusals));
    }

    [Fact]
    public void AnAnswerTheNewVersionRefusesBlocksTheMoveUntilItsStepIsNamedToRedo()
    {
        // A v2 that asks for a longer rationale: the answer given under v1 is too short for it.
        var stricter = Minimal.Valid(Files.Read("workflows", "unexplained-death", "v2.yaml")
            .Replace("{ key: decisions, label: \"Examine or not, with rationale, per device\", type: text, required: true, minLength: 20 }",
                     "{ key: decisions, label: \"Examine or not, with rationale, per device\", type: text, required: true, minLength: 200 }"));
        var c = new TestCase(V1).AllWorkDone();

        var refused = Plan(c, stricter);
        var allowed = Plan(c, stricter, "digital-devices");

        Assert.False(refused.CanApply);
        Assert.Contains("digital-devices: completed answers would be lost or invalid", Assert.Single(refused.Refusals));
        Assert.Contains(refused.AnswersLost, l => l is { Step: "digital-devices", Field: "decisions", Blocks: true });
        Assert.True(allowed.CanApply, string.Join("; ", allowed.Refusals));
        Assert.Equal(["digital-devices"], allowed.Redo);
        var returned = Assert.Single(allowed.Activities, a => a.Kind == ActivityKind.Returned);
        Assert.Equal("digital-devices", returned.StepKey);
        var after = CaseEvaluator.Evaluate(stricter, c.State with { Activities = [.. c.State.Activities, .. allowed.Activities] });
        Assert.Equal(StepState.Returned, after["digital-devices"]!.State);
        Assert.Equal(Now + TimeSpan.FromDays(7), after["digital-devices"]!.DueAt);
    }

    [Fact]
    public void TheProportionateRouteMovesToTheFullProcedureWithTheInitialReportRedone()
    {
        var c = new TestCase(Expected)
            .Completed("initial-report", fields: new Dictionary<string, FieldValue>
            {
                ["discoveredAt"] = new DateTimeValue(At(0)), ["address"] = new TextValue("12 Acacia Avenue"),
                ["foundBy"] = new PersonValue("Home carer", null, null, null, null), ["reportedBy"] = new PersonValue("Home carer", null, null, null, null),
            })
            .Completed("medical-certification", fields: new Dictionary<string, FieldValue> { ["diagnosis"] = new TextValue("Metastatic lung cancer") });

        var refused = Plan(c, V2);
        var allowed = Plan(c, V2, "initial-report");

        Assert.Contains("initial-report: completed answers would be lost or invalid", Assert.Single(refused.Refusals));
        Assert.Contains(refused.AnswersLost, l => l is { Step: "initial-report", Field: "attendingOfficers", Blocks: true });
        Assert.Contains(refused.AnswersLost, l => l is { Step: "medical-certification", Field: "diagnosis", Blocks: false });
        Assert.Contains("medical-certification", refused.StepsRemoved);
        Assert.True(allowed.CanApply, string.Join("; ", allowed.Refusals));
        Assert.Contains(new AnswerCarried("initial-report", "address"), allowed.AnswersCarried);
    }

    [Fact]
    public void ARedoOfAStepTheTargetLacksIsRefused()
    {
        var plan = Plan(new TestCase(V1), V2, "no-such-step");

        Assert.Contains("no-such-step: no such step in unexplained-death v2 to redo", plan.Refusals);
    }
}
