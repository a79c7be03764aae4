using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Evaluation;
using ReviewWorkflow.Engine.Tests.Evaluation;
using static ReviewWorkflow.Engine.Tests.Commands.Outcomes;
using static ReviewWorkflow.Engine.Tests.Evaluation.TestCase;

namespace ReviewWorkflow.Engine.Tests.Commands;

/// <summary>
/// F3: the homicide command declined cases and was not told of significant incidents. The referral
/// records to whom, when and the outcome; an accepted referral hands the case over, a declined one
/// needs its reasons and an inspector's sign-off before the case can be classified or closed.
/// </summary>
public sealed class ReferralTests
{
    private const string RequestRationale = "Same churchyard as the death in June; the homicide command must see it.";
    private const string NeedsInspector = "referral-decline-review: not completed — needs sign-off by an inspector";

    private static TestCase LinkedCase() => new TestCase().AllWorkDone().WithFacts(f => f with { LinkedCandidates = 1 });

    private static CommandOutcome Refer(TestCase @case, string input = "homicide-referral", Actor? by = null, double atHours = 5.5) =>
        Procedure.Complete(@case.Definition, @case.State, "homicide-referral", ValidInput.For(input), null, by ?? Officer, At(atHours));

    private static CommandOutcome ReviewDecline(TestCase @case, Actor by, string decision = "approve", string[]? returnSteps = null) =>
        Procedure.SignOff(@case.Definition, @case.State, "referral-decline-review", decision,
            "The reasons given are specific to this death and were checked with the command.", returnSteps ?? [], by, At(7));

    /// <summary>Linked, referral declined, supervisor's sign-off given, not yet the inspector's.</summary>
    private static TestCase Declined()
    {
        var @case = LinkedCase();
        @case.Apply(Refer(@case, "homicide-referral-declined"));
        return @case.Approved(atHours: 6);
    }

    [Fact]
    public void AcceptedReferralMakesTheNamedOwnerOwnTheCase()
    {
        var owner = Assert.IsType<CaseOwnerChanged>(Events(Refer(LinkedCase()))[1]);

        Assert.Equal(("DCI Green", Officer.Id, At(5.5)), (owner.Owner, owner.ActorId, owner.At));
    }

    [Fact]
    public void DeclinedReferralLeavesTheCaseWithTheTeam()
    {
        Assert.Null(Assert.IsType<CaseOwnerChanged>(Events(Refer(LinkedCase(), "homicide-referral-declined"))[1]).Owner);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("n/a")]
    public void DeclinedReferralNeedsTheReasonsGiven(string? reasons)
    {
        var input = new Dictionary<string, System.Text.Json.JsonElement>(ValidInput.For("homicide-referral-declined"));
        input.Remove("reasons");
        if (reasons is not null) input["reasons"] = System.Text.Json.JsonSerializer.SerializeToElement(reasons);
        var @case = LinkedCase();

        var refused = Refused(Procedure.Complete(@case.Definition, @case.State, "homicide-referral", input, null, Officer, At(5.5)), RefusalKind.Invalid);

        Assert.Equal(["required when the referral is declined: record the reasons the homicide command gave"], refused.FieldErrors["fields.reasons"]);
    }

    [Fact]
    public void AcceptedReferralNeedsNoReasonsAndNoInspector()
    {
        var @case = LinkedCase();
        @case.Apply(Refer(@case));

        Assert.Equal(StepState.NotApplicable, @case.Status("referral-decline-review").State);
    }

    [Fact]
    public void DeclinedReferralWaitsForAnInspector()
    {
        var @case = Declined();

        Assert.Equal(StepState.Available, @case.Status("referral-decline-review").State);
        Assert.Equal([NeedsInspector], @case.Evaluate().Unmet.Where(u => u.StartsWith("referral", StringComparison.Ordinal)));
    }

    [Fact]
    public void DeclinedReferralWithoutAnInspectorBlocksClosure()
    {
        var @case = Declined().Classified("homicide", atHours: 6.5);

        var refused = Refused(Procedure.Close(@case.Definition, @case.State, "All lines of enquiry complete.", Officer, At(8)), RefusalKind.Conflict);

        Assert.Equal([NeedsInspector], refused.Reasons);
    }

    [Fact]
    public void DeclinedReferralWithoutAnInspectorBlocksANotSuspiciousClassification()
    {
        var @case = Declined();

        var refused = Refused(Procedure.Classify(@case.Definition, @case.State, "not-suspicious", ValidInput.ClassificationRationale, Officer, At(8)),
            RefusalKind.Conflict);

        Assert.Equal([NeedsInspector], refused.Reasons);
    }

    [Fact]
    public void SupervisorMayNotApproveADeclinedReferral()
    {
        Assert.Equal("only an inspector may sign off referral-decline-review",
            SingleReason(ReviewDecline(Declined(), OtherSupervisor), RefusalKind.Forbidden));
    }

    [Fact]
    public void InspectorWhoRecordedTheReferralMayNotApproveItsDecline()
    {
        var @case = LinkedCase();
        @case.Apply(Refer(@case, "homicide-referral-declined", by: Inspector));

        Assert.Equal("you completed homicide-referral on 2024-06-01 09:00 UTC; a supervisor who did the work may not approve it",
            SingleReason(ReviewDecline(@case, Inspector), RefusalKind.Forbidden));
    }

    [Fact]
    public void InspectorsApprovalLetsTheCaseBeClassifiedAndClosed()
    {
        var @case = Declined();

        @case.Apply(ReviewDecline(@case, Inspector));
        // A declined referral: the "not suspicious" classification needs an inspector's approval as well (F3, F7).
        @case.Classified(atHours: 8).ClassificationApproved(atHours: 8.2);
        Assert.False(@case.Evaluate().CanClose);
        @case.ClassificationApproved(by: Inspector, atHours: 8.5, step: "classification-inspector-review");

        Assert.Equal(StepState.Completed, @case.Status("referral-decline-review").State);
        Assert.IsType<Accepted>(Procedure.Close(@case.Definition, @case.State, "All lines of enquiry complete.", Officer, At(9)));
    }

    [Fact]
    public void InspectorMayReturnTheReferralToBeMadeAgain()
    {
        var @case = Declined();

        @case.Apply(ReviewDecline(@case, Inspector, "return", ["homicide-referral"]));

        Assert.Equal(StepState.Returned, @case.Status("homicide-referral").State);
        // No outcome stands until the referral is redone, so nothing is left to review until then.
        Assert.Equal(StepState.NotApplicable, @case.Status("referral-decline-review").State);
        Assert.Contains("homicide-referral: returned by referral-decline-review — The reasons given are specific to this death and were checked with the command.",
            @case.Evaluate().Unmet);
    }

    [Fact]
    public void DeclineReviewCannotReturnWorkItDoesNotCover()
    {
        var refused = Refused(ReviewDecline(Declined(), Inspector, "return", ["digital-devices"]), RefusalKind.Invalid);

        Assert.Equal(["'digital-devices' is not covered by referral-decline-review"], refused.FieldErrors["returnSteps[0]"]);
    }

    [Fact]
    public void SupervisorsRequestMakesTheReferralRequired()
    {
        var @case = new TestCase().AllWorkDone();
        Assert.Equal(StepState.NotApplicable, @case.Status("homicide-referral").State);

        var requested = Assert.IsType<ReferralRequested>(Assert.Single(Events(
            Procedure.RequestReferral(@case.Definition, @case.State, $"  {RequestRationale} ", Supervisor, At(6)))));
        @case.Apply(new Accepted([requested]));

        Assert.Equal((Supervisor.Id, RequestRationale), (requested.ActorId, requested.Rationale));
        Assert.Equal(StepState.Available, @case.Status("homicide-referral").State);
    }

    [Fact]
    public void InspectorMayRequestAReferral()
    {
        Assert.IsType<Accepted>(Procedure.RequestReferral(new TestCase().Definition, new TestCase().State, RequestRationale, Inspector, At(1)));
    }

    [Fact]
    public void OfficerCannotRequestAReferralOnTheirOwnAuthority()
    {
        Assert.Equal("only a supervisor may request a homicide referral",
            SingleReason(Procedure.RequestReferral(new TestCase().Definition, new TestCase().State, RequestRationale, Officer, At(1)), RefusalKind.Forbidden));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("tbc")]
    [InlineData("too short")]
    public void RequestNeedsARationaleOfSubstance(string? rationale)
    {
        var refused = Refused(Procedure.RequestReferral(new TestCase().Definition, new TestCase().State, rationale, Supervisor, At(1)), RefusalKind.Invalid);

        Assert.Equal(["a rationale of at least 10 characters is required"], refused.FieldErrors["rationale"]);
    }

    [Fact]
    public void ReferralIsRequestedOnlyOnce()
    {
        var @case = new TestCase().WithFacts(f => f with { ReferralRequested = true });

        Assert.Equal("a homicide referral has already been requested",
            SingleReason(Procedure.RequestReferral(@case.Definition, @case.State, RequestRationale, Supervisor, At(1)), RefusalKind.Conflict));
    }

    [Fact]
    public void ReferralAlreadyMadeIsNotRequestedAgain()
    {
        var @case = LinkedCase();
        @case.Apply(Refer(@case));

        Assert.Equal("homicide-referral is already completed (outcome: accepted); return it through a sign-off to refer again",
            SingleReason(Procedure.RequestReferral(@case.Definition, @case.State, RequestRationale, Supervisor, At(6)), RefusalKind.Conflict));
    }

    [Fact]
    public void NoReferralIsRequestedOnAClosedCase()
    {
        var @case = new TestCase().MarkClosed();

        Assert.Equal("the case is closed",
            SingleReason(Procedure.RequestReferral(@case.Definition, @case.State, RequestRationale, Supervisor, At(1)), RefusalKind.Conflict));
    }
}
