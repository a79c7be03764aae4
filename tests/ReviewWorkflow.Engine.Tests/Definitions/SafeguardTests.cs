namespace ReviewWorkflow.Engine.Tests.Definitions;

/// <summary>
/// Configuration must not be able to remove the linkage check, the family-information register or
/// the supervisor's sign-off from the path to closure (failings F5, F7, F8, F9, F11).
/// </summary>
public sealed class SafeguardTests
{
    private const string NoLinkage = "closure does not depend on a linkage step: configuration cannot remove the linkage check";
    private const string NoFamily = "closure does not depend on a family-information step: configuration cannot remove the family-information register";
    private const string NoClassificationReview = "closure does not depend on a sign-off by a supervisor (or higher) approving the classification 'expected', 'not-suspicious': configuration cannot let a case close on a classification nobody reviewed";
    private const int ClosureLine = 195;
    private const string NoSignOff = "closure does not depend on a sign-off by a supervisor (or higher) approving the linkage and family-information steps: configuration cannot remove supervision";

    private static string DefaultWith(string old, string replacement)
    {
        var yaml = Files.DefaultWorkflow();
        Assert.Contains(old, yaml);
        return yaml.Replace(old, replacement);
    }

    [Fact]
    public void EachMissingSafeguardIsItsOwnError()
    {
        var errors = Minimal.Errors(Minimal.With(("    after: [review]\n", "    after: [report]\n")));

        Assert.Equal([$"test.yaml:22: steps[4]: {NoLinkage}", $"test.yaml:22: steps[4]: {NoFamily}", $"test.yaml:22: steps[4]: {NoSignOff}"], errors);
    }

    [Fact]
    public void TheDefaultWorkflowCannotDropTheLinkageCheck()
    {
        var yaml = DefaultWith("after: [classification, supervisor-review, referral-decline-review, classification-review, classification-inspector-review, linkage-check, family-information]", "after: [classification, supervisor-review, referral-decline-review, classification-review, classification-inspector-review, family-information]")
            .Replace("approves: [initial-report, intelligence-checks, linkage-check,", "approves: [initial-report, intelligence-checks,");

        Assert.Equal([$"test.yaml:{ClosureLine}: steps[14]: {NoLinkage}"], Minimal.Errors(yaml));
    }

    [Fact]
    public void TheDefaultWorkflowCannotDropTheFamilyInformationRegister()
    {
        var yaml = DefaultWith("after: [classification, supervisor-review, referral-decline-review, classification-review, classification-inspector-review, linkage-check, family-information]", "after: [classification, supervisor-review, referral-decline-review, classification-review, classification-inspector-review, linkage-check]")
            .Replace("family-notification, family-information, forensic-documents, digital-devices, post-mortem-toxicology, homicide-referral]", "family-notification, forensic-documents, digital-devices, post-mortem-toxicology, homicide-referral]");

        Assert.Equal([$"test.yaml:{ClosureLine}: steps[14]: {NoFamily}"], Minimal.Errors(yaml));
    }

    [Fact]
    public void TheDefaultWorkflowCannotHandTheSignOffToAnOfficer()
    {
        var yaml = DefaultWith("    kind: sign-off\n    role: supervisor\n", "    kind: sign-off\n    role: officer\n");

        // Both sign-offs handed to officers: the work and the classification are then both unreviewed.
        Assert.Equal([$"test.yaml:{ClosureLine}: steps[14]: {NoSignOff}", $"test.yaml:{ClosureLine}: steps[14]: {NoClassificationReview}"], Minimal.Errors(yaml));
    }

    [Fact]
    public void TheDefaultWorkflowCannotDropTheClassificationReview()
    {
        var yaml = DefaultWith("referral-decline-review, classification-review, classification-inspector-review, linkage-check", "referral-decline-review, linkage-check");

        Assert.Equal([$"test.yaml:{ClosureLine}: steps[14]: {NoClassificationReview}"], Minimal.Errors(yaml));
    }

    [Fact]
    public void AClassificationReviewThatMayNotApplyIsNoSafeguard()
    {
        // The inspector's review applies only where the case is linked or referred; alone it leaves other cases unreviewed.
        var yaml = DefaultWith("referral-decline-review, classification-review, classification-inspector-review,", "referral-decline-review, classification-inspector-review,");

        Assert.Equal([$"test.yaml:{ClosureLine}: steps[14]: {NoClassificationReview}"], Minimal.Errors(yaml));
    }

    [Fact]
    public void AReviewOfOneClearingCategoryOnlyLeavesTheOtherUnreviewed()
    {
        var yaml = DefaultWith("when: case.classification == not-suspicious or case.classification == expected", "when: case.classification == not-suspicious");

        Assert.Equal([$"test.yaml:{ClosureLine}: steps[14]: closure does not depend on a sign-off by a supervisor (or higher) approving the classification 'expected': configuration cannot let a case close on a classification nobody reviewed"],
            Minimal.Errors(yaml));
    }

    [Fact]
    public void ASignOffTheClosureDoesNotWaitForIsNoSafeguard()
    {
        var errors = Minimal.Errors(Minimal.With(("    after: [review]\n", "    after: [linkage, family]\n")));

        Assert.Equal([$"test.yaml:22: steps[4]: {NoSignOff}"], errors);
    }

    [Fact]
    public void AnInspectorsSignOffIsEnough()
    {
        var yaml = Minimal.With(("roles: [officer, supervisor]", "roles: [officer, inspector]"), ("    role: supervisor\n", "    role: inspector\n"));

        Minimal.Valid(yaml);
    }

    [Fact]
    public void AConditionalSignOffIsNoSafeguard()
    {
        var errors = Minimal.Errors(Minimal.With(("    approves: [report, linkage, family]\n", "    approves: [report, linkage, family]\n    when: case.linked\n")));

        Assert.Equal([$"test.yaml:23: steps[4]: {NoSignOff} (sign-off 'review' has a condition, so it may never happen)"], errors);
    }

    [Theory]
    [InlineData("    after: [report]\n", 15, "steps[1].when: a linkage step cannot be conditional: configuration cannot remove the linkage check")]
    [InlineData("    kind: family-information\n", 18, "steps[2].when: a family-information step cannot be conditional: configuration cannot remove the family-information register")]
    public void ASafeguardStepCannotBeConditional(string after, int line, string message)
    {
        var errors = Minimal.Errors(Minimal.With((after, after + "    when: case.linked\n")));

        Assert.Equal([$"test.yaml:{line}: {message}"], errors);
    }
}
