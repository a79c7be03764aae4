using ReviewWorkflow.Engine.Definitions;
using ReviewWorkflow.Engine.Evaluation;
using ReviewWorkflow.Engine.Tests.Definitions;

namespace ReviewWorkflow.Engine.Tests.Evaluation;

/// <summary>A list field marked <c>substances: true</c> (toxicology's substances found) adds its entries to the case's substances.</summary>
public sealed class SubstancesFoundTests
{
    private static readonly WorkflowDefinition Definition = Minimal.Valid(Minimal.With(
        ("- { key: how, type: choice, choices: [phone, in-person] }\n",
         "- { key: how, type: choice, choices: [phone, in-person] }\n"
         + "      - { key: found, type: list, substances: true }\n"
         + "      - { key: devices, type: list }\n")));

    private static StepDefinition Report => Definition.FindStep("report")!;

    private static Dictionary<string, FieldValue> Answers(params string[] found) => new()
    {
        ["noteFound"] = new BoolValue(false), ["found"] = new ListValue(found), ["devices"] = new ListValue(["phone"]),
    };

    [Fact]
    public void OnlyAListFieldCanBeMarkedAsSubstances()
    {
        Assert.True(Report.FindField("found")!.Substances);
        Assert.False(Report.FindField("devices")!.Substances);
        Assert.Contains("test.yaml:10: steps[0].fields[0].substances: substances is only for list fields",
            Minimal.Errors(Minimal.With(("{ key: noteFound, type: bool, required: true }", "{ key: noteFound, type: bool, required: true, substances: true }"))));
    }

    [Fact]
    public void NewSubstancesAreTheMarkedListsEntriesTheCaseDoesNotHoldYet()
    {
        Assert.Equal(["alcohol", "GHB"], SubstancesFound.NewIn(Report, Answers(" alcohol", "GHB", "ghb", "", "Mephedrone"), ["mephedrone"]));
    }

    [Fact]
    public void NothingNewMeansNoActivity()
    {
        var none = SubstancesFound.NewIn(Report, Answers("GHB"), ["ghb"]);

        Assert.Empty(none);
        Assert.Null(SubstancesFound.Activity(none, "officer", DateTimeOffset.UnixEpoch));
        Assert.Empty(SubstancesFound.NewIn(Report, new Dictionary<string, FieldValue> { ["noteFound"] = new BoolValue(true) }, []));
    }

    [Fact]
    public void TheActivityRecordsThemAsFactsAdded()
    {
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

        var activity = SubstancesFound.Activity(["GHB"], "officer", at)!;

        Assert.Equal((FactsAdded.NoStep, ActivityKind.FactsAdded, "officer", at), (activity.StepKey, activity.Kind, activity.ActorId, activity.At));
        Assert.Equal(["GHB"], ((ListValue)activity.Fields[FactsAdded.Substances]).Items);
        Assert.Empty(((ListValue)activity.Fields[FactsAdded.Markers]).Items);
    }
}
