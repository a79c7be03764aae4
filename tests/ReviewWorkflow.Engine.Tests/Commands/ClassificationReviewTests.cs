using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Evaluation;
using ReviewWorkflow.Engine.Tests.Evaluation;
using static ReviewWorkflow.Engine.Tests.Commands.Outcomes;
using static ReviewWorkflow.Engine.Tests.Evaluation.TestCase;

namespace ReviewWorkflow.Engine.Tests.Commands;

/// <summary>Issue 14, failure 3: "not suspicious" is a reviewed decision (F7), by an inspector too where linked or referred (F3).</summary>
public sealed class ClassificationReviewTests
{
    private static CommandOutcome Close(TestCase @case, double atHours = 12) =>
        Procedure.Close(@case.Definition, @case.State, "All lines of enquiry complete.", Officer, At(atHours));

    private static CommandOutcome Review(TestCase @case, Actor by, string decision = "approve", string step = "classification-review", IReadOnlyList<string>? returned = null) =>
        Procedure.SignOff(@case.Definition, @case.State, step, decision, "The rationale does not address the toxicology.", returned ?? [], by, At(9));

    [Fact]
    public void TheOfficerAloneCannotCloseANotSuspiciousCase()
    {
        var @case = new TestCase().AllWorkDone().Approved().Classified();

        Assert.Equal(["classification-review: not completed"], Refused(Close(@case), RefusalKind.Conflict).Reasons);
    }

    [Fact]
    public void ASupervisorWhoClassifiedMayNotApproveTheClassification()
    {
        var @case = new TestCase().AllWorkDone().Approved().Classified(by: OtherSupervisor);

        Assert.Equal("you completed classification on 2024-06-01 10:30 UTC; a supervisor who did the work may not approve it",
            SingleReason(Review(@case, OtherSupervisor), RefusalKind.Forbidden));
    }

    [Fact]
    public void AReturnedClassificationIsMadeAgainAndReviewedAgain()
    {
        var @case = new TestCase().AllWorkDone().Approved().Classified();
        @case.Apply(Review(@case, Supervisor, "return", returned: ["classification"]));

        Assert.Equal(StepState.Returned, @case.Status("classification").State);
        Assert.IsType<Refused>(Close(@case));
        @case.Classified(atHours: 10).ClassificationApproved(atHours: 11);

        Assert.IsType<Accepted>(Close(@case));
    }

    [Fact]
    public void HomicideNeedsNoClassificationReview()
    {
        var @case = new TestCase().AllWorkDone().Approved().Classified("homicide");

        Assert.Equal(StepState.NotApplicable, @case.Status("classification-review").State);
        Assert.Equal(StepState.NotApplicable, @case.Status("classification-inspector-review").State);
    }

    [Fact]
    public void AnEarlierHomicideClassificationNeedsAnInspectorToo()
    {
        var @case = new TestCase().AllWorkDone().Approved().Classified("homicide", atHours: 6.5);
        // The homicide classification required the referral; the homicide command declined it, and the inspector signed that off.
        @case.Apply(Procedure.Complete(@case.Definition, @case.State, "homicide-referral", ValidInput.For("homicide-referral-declined"), null, Officer, At(6.6)));
        @case.Approved(by: OtherSupervisor, atHours: 6.7);
        @case.Apply(Procedure.SignOff(@case.Definition, @case.State, "referral-decline-review", "approve", "Decline reasoned.", [], Inspector, At(6.8)));
        @case.Classified(atHours: 7).ClassificationApproved(atHours: 8);

        Assert.Equal(StepState.Available, @case.Status("classification-inspector-review").State);
        Assert.Equal(["classification-inspector-review: not completed — needs sign-off by an inspector"], Refused(Close(@case), RefusalKind.Conflict).Reasons);
        @case.ClassificationApproved(by: Inspector, atHours: 9, step: "classification-inspector-review");
        Assert.IsType<Accepted>(Close(@case));
    }
}
