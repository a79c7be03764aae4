using ReviewWorkflow.Engine.Definitions;

namespace ReviewWorkflow.Engine.Tests.Definitions;

/// <summary>The shipped workflow (workflows/unexplained-death/v1.yaml) as the engine will see it.</summary>
public sealed class DefaultWorkflowTests
{
    private static readonly WorkflowDefinition Definition = Minimal.Valid(Files.DefaultWorkflow());

    [Fact]
    public void DefaultWorkflowParsesWithoutErrors()
    {
        Assert.Equal("unexplained-death", Definition.Key);
        Assert.Equal(1, Definition.Version);
        Assert.Equal("Unexplained death review", Definition.Title);
        Assert.Equal(["officer", "supervisor", "inspector"], Definition.Roles);
        Assert.Equal(
            [
                "initial-report", "intelligence-checks", "linkage-check", "family-notification", "family-information",
                "forensic-documents", "digital-devices", "post-mortem-toxicology", "homicide-referral", "supervisor-review",
                "referral-decline-review",
                "classification", "classification-review", "classification-inspector-review", "closure",
            ],
            Definition.Steps.Select(s => s.Key));
    }

    [Fact]
    public void DefaultLadderNotifiesAssigneeThenSupervisorThenInspector()
    {
        Assert.Equal(
            [
                new EscalationRung(1, TimeSpan.Zero, "assignee"),
                new EscalationRung(2, TimeSpan.FromHours(12), "supervisor"),
                new EscalationRung(3, TimeSpan.FromHours(48), "inspector"),
            ],
            Definition.Escalation);
        Assert.All(Definition.Steps, s => Assert.Null(s.Escalation));
        Assert.Same(Definition.Escalation, Definition.LadderFor(Definition.FindStep("initial-report")!));
    }

    [Fact]
    public void InitialReportRecordsWhoFoundAndWhoReportedWithinFourHours()
    {
        var step = Definition.FindStep("initial-report")!;

        Assert.Equal(StepKind.Task, step.Kind);
        Assert.Equal(TimeSpan.FromHours(4), step.Due);
        Assert.Equal(16, step.Line);
        var foundBy = step.FindField("foundBy")!;
        Assert.Equal(("Who found the deceased", FieldType.Person, true), (foundBy.Label, foundBy.Type, foundBy.Required));
        Assert.Equal(FieldType.Person, step.FindField("reportedBy")!.Type);
    }

    [Fact]
    public void DeviceDecisionsKeepTheirWholeLabel()
    {
        var decisions = Definition.FindStep("digital-devices")!.FindField("decisions")!;

        Assert.Equal("Examine or not, with rationale, per device", decisions.Label);
        Assert.Equal(20, decisions.MinLength);
    }

    [Fact]
    public void ForensicDocumentsApplyWhenANoteIsFoundOrMarked()
    {
        var when = Definition.FindStep("forensic-documents")!.When;

        Assert.Equal(
            new AnyCondition(
                "initial-report.noteFound or case.markers contains note-found",
                [
                    new TruthyCondition("initial-report.noteFound", new FieldReference("initial-report", "noteFound")),
                    new ContainsCondition("case.markers contains note-found", new FieldReference("case", "markers"), "note-found"),
                ]),
            when,
            new ConditionComparer());
    }

    [Fact]
    public void LinkageCheckCarriesEveryFactorWeight()
    {
        var linkage = Definition.FindStep("linkage-check")!.Linkage!;

        Assert.Equal(5, linkage.RadiusKm);
        Assert.Equal(1095, linkage.WindowDays);
        Assert.Equal(0.35, linkage.Threshold);
        Assert.Equal(
            new Dictionary<string, double>
            {
                ["distance"] = 3, ["time"] = 2, ["substance"] = 2, ["profile"] = 1, ["markers"] = 1, ["sharedPerson"] = 4, ["namedInCircumstances"] = 2,
            },
            linkage.Weights);
    }

    [Fact]
    public void ClassificationStartsUnderInvestigationAndNotSuspiciousNeedsTheSignOff()
    {
        var classification = Definition.StepDeciding(DecisionPurpose.Classification)!;

        Assert.Equal("under-investigation", classification.InitialCategory);
        Assert.Equal(30, classification.RationaleMinLength);
        Assert.Equal(["expected", "not-suspicious", "under-investigation", "homicide"], classification.Categories.Select(c => c.Key));
        var notSuspicious = classification.Categories.Single(c => c.Key == "not-suspicious");
        Assert.Contains("supervisor-review", notSuspicious.Requires);
        Assert.True(notSuspicious.RequiresClearedRegisters);
        Assert.Empty(classification.Categories.Single(c => c.Key == "homicide").Requires);
    }

    [Fact]
    public void SupervisorReviewIsASupervisorsSignOff()
    {
        var review = Definition.StepOfKind(StepKind.SignOff)!;

        Assert.Equal("supervisor", review.Role);
        Assert.Contains("linkage-check", review.Approves);
        Assert.Contains("family-information", review.Approves);
        Assert.Equal(DecisionPurpose.Referral, Definition.FindStep("homicide-referral")!.Decides);
        Assert.Equal("closure", Definition.StepDeciding(DecisionPurpose.Closure)!.Key);
    }
}
