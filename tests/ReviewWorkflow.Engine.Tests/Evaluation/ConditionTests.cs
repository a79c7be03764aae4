using ReviewWorkflow.Engine.Definitions;
using ReviewWorkflow.Engine.Evaluation;
using static ReviewWorkflow.Engine.Tests.Evaluation.TestDefinitions;

namespace ReviewWorkflow.Engine.Tests.Evaluation;

/// <summary>The <c>when</c> grammar, each factor on its own, through a two-step workflow.</summary>
public sealed class ConditionTests
{
    private static StepState StateOf(Condition when, IReadOnlyDictionary<string, FieldValue>? answers = null, Func<TestCase, TestCase>? arrange = null)
    {
        var definition = Workflow(Step("report"), Step("follow-up", when: when));
        var @case = new TestCase(definition);
        if (answers is not null) @case.Completed("report", fields: answers);
        return (arrange?.Invoke(@case) ?? @case).Status("follow-up").State;
    }

    private static Dictionary<string, FieldValue> Answer(FieldValue value) => new() { ["answer"] = value };

    [Theory]
    [InlineData(true, StepState.Available)]
    [InlineData(false, StepState.NotApplicable)]
    public void BoolFieldIsTruthyOnlyWhenTrue(bool answer, StepState expected) =>
        Assert.Equal(expected, StateOf(Truthy("report.answer"), Answer(new BoolValue(answer))));

    [Fact]
    public void TextAndListFieldsAreTruthyOnlyWhenNotEmpty()
    {
        Assert.Equal(StepState.Available, StateOf(Truthy("report.answer"), Answer(new TextValue("yes"))));
        Assert.Equal(StepState.NotApplicable, StateOf(Truthy("report.answer"), Answer(new TextValue(" "))));
        Assert.Equal(StepState.Available, StateOf(Truthy("report.answer"), Answer(new ListValue(["laptop"]))));
        Assert.Equal(StepState.NotApplicable, StateOf(Truthy("report.answer"), Answer(new ListValue([]))));
    }

    [Fact]
    public void AnyOtherPresentValueIsTruthy()
    {
        Assert.Equal(StepState.Available, StateOf(Truthy("report.answer"), Answer(new NumberValue(0))));
        Assert.Equal(StepState.Available, StateOf(Truthy("report.answer"), Answer(new PersonValue("A", null, null, null, null))));
    }

    [Fact]
    public void FieldOfAStepNotYetCompletedIsFalse()
    {
        Assert.Equal(StepState.NotApplicable, StateOf(Truthy("report.answer")));
        Assert.Equal(StepState.NotApplicable, StateOf(EqualTo("report.answer", "phone")));
    }

    [Fact]
    public void NotEqualsOnAnUnansweredFieldIsFalseSoTheStepWaitsForTheAnswer()
    {
        Assert.Equal(StepState.NotApplicable, StateOf(NotEqualTo("report.answer", "phone")));
    }

    [Fact]
    public void EqualsComparesChoiceTextAndBoolIgnoringCase()
    {
        Assert.Equal(StepState.Available, StateOf(EqualTo("report.answer", "Phone"), Answer(new ChoiceValue("phone"))));
        Assert.Equal(StepState.Available, StateOf(EqualTo("report.answer", "yes"), Answer(new TextValue("YES"))));
        Assert.Equal(StepState.Available, StateOf(EqualTo("report.answer", "true"), Answer(new BoolValue(true))));
        Assert.Equal(StepState.Available, StateOf(EqualTo("report.answer", "FALSE"), Answer(new BoolValue(false))));
        Assert.Equal(StepState.NotApplicable, StateOf(EqualTo("report.answer", "phone"), Answer(new ChoiceValue("in-person"))));
    }

    [Fact]
    public void NotEqualsIsTheNegationForAnAnsweredField()
    {
        Assert.Equal(StepState.Available, StateOf(NotEqualTo("report.answer", "phone"), Answer(new ChoiceValue("in-person"))));
        Assert.Equal(StepState.NotApplicable, StateOf(NotEqualTo("report.answer", "phone"), Answer(new ChoiceValue("PHONE"))));
    }

    [Fact]
    public void ContainsLooksForAnItemOfAList()
    {
        Assert.Equal(StepState.Available, StateOf(Contains("report.answer", "laptop"), Answer(new ListValue(["phone", "Laptop"]))));
        Assert.Equal(StepState.NotApplicable, StateOf(Contains("report.answer", "lap"), Answer(new ListValue(["laptop"]))));
        Assert.Equal(StepState.NotApplicable, StateOf(Contains("report.answer", "laptop"), Answer(new TextValue("laptop"))));
    }

    [Fact]
    public void CaseFactsAreAvailableToConditions()
    {
        Assert.Equal(StepState.NotApplicable, StateOf(Truthy("case.linked")));
        Assert.Equal(StepState.Available, StateOf(Truthy("case.linked"), arrange: c => c.WithFacts(f => f with { LinkedCandidates = 2 })));
        Assert.Equal(StepState.Available, StateOf(Truthy("case.referralRequested"), arrange: c => c.WithFacts(f => f with { ReferralRequested = true })));
        Assert.Equal(StepState.Available, StateOf(EqualTo("case.classification", "under-investigation")));
        Assert.Equal(StepState.Available, StateOf(Contains("case.substances", "ghb"), arrange: c => c.WithFacts(f => f with { Substances = ["GHB"] })));
        Assert.Equal(StepState.NotApplicable, StateOf(Contains("case.markers", "posed")));
    }

    [Fact]
    public void UnknownCaseFactIsFalse()
    {
        Assert.Equal(StepState.NotApplicable, StateOf(Truthy("case.unheardOf")));
    }

    [Fact]
    public void OrNeedsOneTermAndAndNeedsEvery()
    {
        var yes = Truthy("case.linked");
        var no = Truthy("case.referralRequested");
        Func<TestCase, TestCase> linked = c => c.WithFacts(f => f with { LinkedCandidates = 1 });

        Assert.Equal(StepState.Available, StateOf(Or(no, yes), arrange: linked));
        Assert.Equal(StepState.NotApplicable, StateOf(And(no, yes), arrange: linked));
        Assert.Equal(StepState.Available, StateOf(And(yes, Or(no, yes)), arrange: linked));
    }
}
