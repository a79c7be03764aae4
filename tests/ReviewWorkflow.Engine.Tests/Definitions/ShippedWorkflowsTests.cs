using ReviewWorkflow.Engine.Definitions;

namespace ReviewWorkflow.Engine.Tests.Definitions;

/// <summary>
/// Every shipped workflow file, as the application loads them together: procedure v2 (the inspection
/// findings) and the proportionate route for expected deaths, each holding the safeguards.
/// </summary>
public sealed class ShippedWorkflowsTests
{
    private static readonly WorkflowDefinition V2 = Minimal.Valid(Files.Read("workflows", "unexplained-death", "v2.yaml"));
    private static readonly WorkflowDefinition Expected = Minimal.Valid(Files.Read("workflows", "expected-death", "v1.yaml"));

    private static WorkflowCatalog Catalog()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "workflows");
        var files = Directory.GetFiles(folder, "*.yaml", SearchOption.AllDirectories)
            .Select(f => (Path.GetRelativePath(folder, f), File.ReadAllText(f)));
        var (catalog, errors) = WorkflowCatalog.Load(files);
        Assert.Empty(errors);
        return catalog!;
    }

    [Fact]
    public void AllShippedFilesLoadTogetherAndNewCasesStartOnV2()
    {
        var catalog = Catalog();

        Assert.Equal(2, catalog.Latest("unexplained-death")!.Version);
        Assert.NotNull(catalog.Find("unexplained-death", 1));
        Assert.Equal(1, catalog.Latest("expected-death")!.Version);
    }

    [Fact]
    public void EachWorkflowHasADescriptionToChooseBy()
    {
        Assert.StartsWith("The full procedure", V2.Description);
        Assert.StartsWith("For a death a doctor expected", Expected.Description);
        Assert.Equal("", Minimal.Valid(Minimal.Yaml).Description);
    }

    [Fact]
    public void V2KeepsEveryV1StepAndFieldKey()
    {
        var v1 = Minimal.Valid(Files.DefaultWorkflow());

        // A later migration carries answers over by step and field key.
        foreach (var step in v1.Steps)
        {
            var same = V2.FindStep(step.Key);
            Assert.True(same is not null, $"v2 lacks v1's step {step.Key}");
            Assert.Equal(step.Kind, same.Kind);
            Assert.Equal(step.Fields.Select(f => (f.Key, f.Type, f.Required)), same.Fields.Select(f => (f.Key, f.Type, f.Required)));
        }
        Assert.Equal(
            v1.StepDeciding(DecisionPurpose.Classification)!.Categories.Select(c => c.Key),
            V2.StepDeciding(DecisionPurpose.Classification)!.Categories.Select(c => c.Key));
    }

    [Fact]
    public void V2UsesTheNationalCategoryWording()
    {
        Assert.Equal(
            ["Expected death", "Unexpected death – investigated and not suspicious", "Unexpected death – under investigation", "Homicide"],
            V2.StepDeciding(DecisionPurpose.Classification)!.Categories.Select(c => c.Title));
    }

    [Fact]
    public void V2EarlyReviewIsASupervisorsSignOffWithinFourHoursThatTheSceneReleaseWaitsFor()
    {
        var review = V2.FindStep("early-review")!;

        Assert.Equal(StepKind.SignOff, review.Kind);
        Assert.Equal("supervisor", review.Role);
        Assert.Equal(TimeSpan.FromHours(4), review.Due);
        Assert.Equal(["initial-report", "initial-categorisation"], review.Approves);
        Assert.Contains("early-review", V2.FindStep("scene")!.After);
        Assert.Equal(["attendedBy", "releasedAt", "releasedBy", "releaseRationale", "exhibits"], V2.FindStep("scene")!.Fields.Select(f => f.Key));
    }

    [Fact]
    public void V2ClosureWaitsForTheCoronersReportSignOffAndTheFamilyToldTheOutcome()
    {
        var closure = V2.StepDeciding(DecisionPurpose.Closure)!;
        var coronerReview = V2.FindStep("coroner-report-review")!;

        Assert.Contains("coroner-report-review", closure.After);
        Assert.Contains("family-outcome", closure.After);
        Assert.Contains("early-review", closure.After);
        Assert.Equal((StepKind.SignOff, "supervisor", null), (coronerReview.Kind, coronerReview.Role, coronerReview.When));
        Assert.Equal(["coroner-report"], coronerReview.Approves);
        Assert.Contains("classification", V2.FindStep("family-outcome")!.After);
        Assert.Equal(["informedAt", "informedBy", "coronerReference"], V2.FindStep("coroner-informed")!.Fields.Select(f => f.Key));
    }

    [Fact]
    public void V2RecordsEnquiriesConsiderationsAndThePostMortemDecisionWithRationales()
    {
        Assert.Equal(["done", "not-done"], V2.FindStep("cctv-house-to-house")!.FindField("cctv")!.Choices);
        Assert.Equal(["done", "not-done"], V2.FindStep("cctv-house-to-house")!.FindField("houseToHouse")!.Choices);
        Assert.Equal(["forensic", "routine"], V2.FindStep("post-mortem-decision")!.FindField("kind")!.Choices);
        Assert.Contains("post-mortem-decision", V2.FindStep("post-mortem-toxicology")!.After);
        Assert.True(V2.FindStep("post-mortem-toxicology")!.FindField("substancesFound")!.Substances);
        Assert.All(["cctv-house-to-house", "hate-crime-vulnerability", "post-mortem-decision", "initial-categorisation"],
            key => Assert.Contains(V2.FindStep(key)!.Fields, f => f.Required && f.MinLength >= 20));
        Assert.All(["scene", "cctv-house-to-house", "hate-crime-vulnerability", "post-mortem-decision"],
            key => Assert.Contains(key, V2.FindStep("supervisor-review")!.Approves));
    }

    [Fact]
    public void TheProportionateRouteKeepsTheSafeguardsWithoutTheInvestigativeSteps()
    {
        Assert.Equal(
            ["initial-report", "medical-certification", "linkage-check", "family-notification", "family-information", "supervisor-review",
             "classification", "classification-review", "classification-inspector-review", "closure"],
            Expected.Steps.Select(s => s.Key));
        Assert.Equal(["supervisor-review", "classification-review", "linkage-check", "family-information"],
            Expected.StepDeciding(DecisionPurpose.Closure)!.After.Intersect(["linkage-check", "family-information", "supervisor-review", "classification-review"]));
    }

    [Theory]
    [InlineData("approves: [initial-report, medical-certification, linkage-check, family-notification, family-information]", "approves: [initial-report, medical-certification, family-notification]",
        "a sign-off by a supervisor (or higher) approving the linkage and family-information steps")]
    [InlineData("after: [classification, supervisor-review, classification-review, classification-inspector-review, linkage-check, family-information]", "after: [classification, supervisor-review, classification-inspector-review, linkage-check, family-information]",
        "a sign-off by a supervisor (or higher) approving the classification 'expected'")]
    public void TheSafeguardsRuleHoldsOnTheProportionateRoute(string old, string replacement, string missing)
    {
        var yaml = Files.Read("workflows", "expected-death", "v1.yaml");
        Assert.Contains(old, yaml);

        Assert.Contains(Minimal.Errors(yaml.Replace(old, replacement)), e => e.Contains($"closure does not depend on {missing}"));
    }
}
