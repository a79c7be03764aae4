using ReviewWorkflow.Engine.Definitions;

namespace ReviewWorkflow.Engine.Tests.Definitions;

public sealed class ConditionTests
{
    /// <summary>The minimal workflow plus a step 'visit' (steps[5], line 26) with the given condition.</summary>
    private static string WithVisit(string when) => Minimal.Plus($"""
          - key: visit
            kind: task
            after: [report]
            when: {when}
        """);

    private static Condition? ParsedWhen(string when) => Minimal.Valid(WithVisit(when)).FindStep("visit")!.When;

    [Fact]
    public void AndBindsTighterThanOr()
    {
        var when = ParsedWhen("case.linked or report.noteFound and report.how != phone");

        Assert.Equal(
            new AnyCondition(
                "case.linked or report.noteFound and report.how != phone",
                [
                    new TruthyCondition("case.linked", new FieldReference("case", "linked")),
                    new AllCondition(
                        "report.noteFound and report.how != phone",
                        [
                            new TruthyCondition("report.noteFound", new FieldReference("report", "noteFound")),
                            new EqualsCondition("report.how != phone", new FieldReference("report", "how"), "phone", Negated: true),
                        ]),
                ]),
            when,
            new ConditionComparer());
    }

    [Fact]
    public void QuotedValuesMayHoldSpacesAndOperatorsNeedNoSpaces()
    {
        var when = ParsedWhen("\"case.markers contains 'found outdoors' and report.how==in-person\"");

        var all = Assert.IsType<AllCondition>(when);
        Assert.Equal(new ContainsCondition("case.markers contains 'found outdoors'", new FieldReference("case", "markers"), "found outdoors"), all.Terms[0]);
        Assert.Equal(new EqualsCondition("report.how==in-person", new FieldReference("report", "how"), "in-person", false), all.Terms[1]);
    }

    [Fact]
    public void ClassificationComparesWithTheCategories()
    {
        var yaml = Minimal.Plus("""
              - key: classification
                kind: decision
                decides: classification
                categories: [{ key: under-investigation }, { key: homicide }]
              - key: referral
                kind: decision
                decides: referral
                when: case.classification == homicide or case.referralRequested
            """);

        Assert.IsType<AnyCondition>(Minimal.Valid(yaml).FindStep("referral")!.When);
        Assert.Equal(
            ["test.yaml:33: steps[6].when: step 'referral' is unreachable: its condition can never hold: 'murder' is not one of the categories of case.classification (under-investigation, homicide)"],
            Minimal.Errors(yaml.Replace("== homicide or case.referralRequested", "== murder")));
    }

    [Theory]
    [InlineData("report.noteFound and", "condition syntax error at column 21: expected a reference like step.field or case.fact, found the end of the condition")]
    [InlineData("report.how ==", "condition syntax error at column 14: expected a value after '=='")]
    [InlineData("report.how == or case.linked", "condition syntax error at column 15: expected a value after '=='")]
    [InlineData("noteFound", "condition syntax error at column 1: expected a reference like step.field or case.fact, found 'noteFound'")]
    [InlineData("report.noteFound case.linked", "condition syntax error at column 18: expected 'and' or 'or', found 'case.linked'")]
    [InlineData("report.how == 'in-person", "condition syntax error at column 15: unterminated quote")]
    [InlineData("not report.noteFound", "condition syntax error at column 1: expected a reference like step.field or case.fact, found 'not'")]
    [InlineData("report.how", "'report.how' is a choice field, not true or false: compare it with == or !=")]
    [InlineData("case.markers", "'case.markers' is a list: test it with 'contains'")]
    [InlineData("case.markers == chemsex", "'case.markers' is a list: test it with 'contains'")]
    [InlineData("report.noteFound contains x", "'contains' is only for lists, and 'report.noteFound' is a bool field")]
    [InlineData("report.noteFound == yes", "'report.noteFound' is true or false, so it cannot equal 'yes'")]
    [InlineData("report.how != letter", "'letter' is not one of the choices of report.how (phone, in-person)")]
    [InlineData("linkage.score", "step 'linkage' has no field 'score'")]
    public void ABadConditionIsReportedOnItsStep(string when, string message)
    {
        Assert.Equal([$"test.yaml:29: steps[5].when: {message}"], Minimal.Errors(WithVisit(when)));
    }

    [Fact]
    public void AStepCannotWaitForItsOwnAnswers()
    {
        var yaml = Minimal.With(("    due: PT4H\n", "    due: PT4H\n    when: report.noteFound\n"));

        Assert.Equal(
            ["test.yaml:9: steps[0].when: 'report.noteFound' is this step's own field: a step's condition cannot depend on its own answers"],
            Minimal.Errors(yaml));
    }

    [Fact]
    public void EveryBadReferenceInOneConditionIsReported()
    {
        Assert.Equal(
            [
                "test.yaml:29: steps[5].when: unknown step 'intel' in 'intel.done'",
                "test.yaml:29: steps[5].when: unknown case fact 'suspicious' (known: linked, referralRequested, classification, classificationHistory, markers, substances)",
            ],
            Minimal.Errors(WithVisit("intel.done or case.suspicious")));
    }

    [Fact]
    public void StepsAfterAnUnreachableStepAreUnreachableToo()
    {
        var yaml = WithVisit("report.how == letter and report.noteFound") + Minimal.Plus("""
              - key: follow-up
                kind: task
                after: [visit]
              - key: second-follow-up
                kind: task
                after: [report, follow-up]
            """)[Minimal.Yaml.Length..];

        Assert.Equal(
            [
                "test.yaml:29: steps[5].when: step 'visit' is unreachable: its condition can never hold: 'letter' is not one of the choices of report.how (phone, in-person)",
                "test.yaml:32: steps[6].after[0]: step 'follow-up' is unreachable: it depends on unreachable step 'visit'",
                "test.yaml:35: steps[7].after[1]: step 'second-follow-up' is unreachable: it depends on unreachable step 'follow-up'",
            ],
            Minimal.Errors(yaml));
    }
}
