using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Evaluation;
using ReviewWorkflow.Engine.Linkage;
using ReviewWorkflow.Engine.Tests.Evaluation;

namespace ReviewWorkflow.Engine.Tests.LinkageCheck;

public sealed class DispositionTests
{
    private static readonly CandidateView Undecided = new("UD-2026-000012", null);

    [Fact]
    public void ADispositionIsAContributionToTheLinkageStepThatCountsForFourEyes()
    {
        var c = new TestCase();
        var outcome = LinkageDisposition.Decide(c.Definition, c.State, Undecided, "linked", "same place and drug", TestCase.Supervisor, TestCase.At(2));

        var contributed = Assert.IsType<StepContributed>(Assert.Single(Assert.IsType<Accepted>(outcome).Events));
        Assert.Equal("linkage-check", contributed.StepKey);
        Assert.Equal("dispositioned linkage candidate UD-2026-000012 as linked", contributed.Note);
        var activity = Assert.Single(contributed.ToActivities());
        Assert.Equal(ActivityKind.Contributed, activity.Kind);
        Assert.Equal(new ChoiceValue("linked"), activity.Fields["decision"]);
    }

    [Theory]
    [InlineData("linked", "", "rationale")]
    [InlineData("linked", "   ", "rationale")]
    [InlineData("linked", "n/a", "rationale")]
    [InlineData("maybe", "looked at it", "decision")]
    [InlineData(null, "looked at it", "decision")]
    public void ADecisionNeedsAKnownAnswerAndARealRationale(string? decision, string rationale, string field)
    {
        var c = new TestCase();
        var refused = Assert.IsType<Refused>(LinkageDisposition.Decide(c.Definition, c.State, Undecided, decision, rationale, TestCase.Officer, TestCase.At(1)));
        Assert.Equal(RefusalKind.Invalid, refused.Kind);
        Assert.True(refused.FieldErrors.ContainsKey(field));
    }

    [Fact]
    public void ADecisionIsNotOverwritten()
    {
        var c = new TestCase();
        var refused = Assert.IsType<Refused>(LinkageDisposition.Decide(c.Definition, c.State, Undecided with { Decision = "linked" },
            "not-linked", "on reflection", TestCase.Officer, TestCase.At(1)));
        Assert.Equal(RefusalKind.Conflict, refused.Kind);
        Assert.Contains("already dispositioned as linked", refused.Reasons[0]);
    }

    [Fact]
    public void ACandidateOfAClosedCaseCanStillBeDecided()
    {
        var c = new TestCase().MarkClosed();
        Assert.IsType<Accepted>(LinkageDisposition.Decide(c.Definition, c.State, Undecided, "not-linked", "medical cause", TestCase.Officer, TestCase.At(1)));
    }

    [Fact]
    public void AnAdministratorMayNotDecide()
    {
        var c = new TestCase();
        var refused = Assert.IsType<Refused>(LinkageDisposition.Decide(c.Definition, c.State, Undecided, "linked", "same place", TestCase.Admin, TestCase.At(1)));
        Assert.Equal(RefusalKind.Forbidden, refused.Kind);
    }
}
