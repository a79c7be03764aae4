namespace ReviewWorkflow.Engine.Tests.Definitions;

/// <summary>Rules beyond the one-fixture-per-rule set: settings that do not fit a step's kind, and lesser slips.</summary>
public sealed class StepRuleTests
{
    private const string End = "    after: [review]\n";

    [Theory]
    [InlineData("    due: PT4H\n", "    due: PT4H\n    approves: [family]\n", "test.yaml:9: steps[0].approves: approves is only for sign-off steps")]
    [InlineData("    due: PT4H\n", "    due: PT4H\n    categories: [{ key: a }]\n    initial: a\n",
        "test.yaml:9: steps[0].categories: categories are only for the classification decision",
        "test.yaml:10: steps[0].initial: initial is only for the classification decision")]
    [InlineData("  - key: family\n    kind: family-information\n", "  - key: family\n    kind: family-information\n    escalation: [{ after: PT1H, notify: assignee }]\n",
        "test.yaml:18: steps[2].escalation: a step without 'due' has no deadline to escalate from")]
    [InlineData("  - key: family\n", "  - key: case\n    kind: task\n  - key: family\n", "test.yaml:16: steps[2].key: 'case' is reserved: conditions use case.fact for the case's own facts")]
    [InlineData("  - key: family\n", "  - key: family.info\n    kind: task\n  - key: family\n", "test.yaml:16: steps[2].key: 'family.info' is not a valid step key: use letters, digits, '-' and '_', starting with a letter")]
    [InlineData("    after: [report]\n", "    after: [report, report]\n", "test.yaml:14: steps[1].after[1]: step 'report' is listed twice")]
    [InlineData("    decides: closure\n", "    decides: closure\n    rationaleMinLength: -1\n", "test.yaml:25: steps[4].rationaleMinLength: must not be negative, found -1")]
    [InlineData("type: bool, required: true }", "type: bool, required: true, minLength: 3 }", "test.yaml:10: steps[0].fields[0].minLength: minLength is only for text fields")]
    [InlineData("type: bool, required: true }", "type: text, choices: [a] }", "test.yaml:10: steps[0].fields[0].choices: choices are only for choice fields")]
    [InlineData("choices: [phone, in-person]", "choices: [phone, in-person, phone]", "test.yaml:11: steps[0].fields[1].choices[2]: choice 'phone' is listed twice")]
    [InlineData("roles: [officer, supervisor]", "roles: [officer, supervisor, officer]", "test.yaml:4: roles[2]: role 'officer' is listed twice")]
    [InlineData("weights: { distance: 1 }", "weights: { distance: 0 }", "test.yaml:15: steps[1].linkage.weights: every weight is zero: the linkage check could never find a candidate")]
    [InlineData("windowDays: 365", "windowDays: 36.5", "test.yaml:15: steps[1].linkage.windowDays: '36.5' is not a whole number")]
    [InlineData("radiusKm: 5", "radiusKm: 0", "test.yaml:15: steps[1].linkage.radiusKm: must be greater than 0, found 0")]
    [InlineData(", weights: { distance: 1 }", "", "test.yaml:15: steps[1].linkage.weights: missing required key 'weights'")]
    [InlineData("steps:\n", "escalation:\n  - { level: 0, after: PT0H, notify: assignee }\nsteps:\n", "test.yaml:6: escalation[0].level: escalation levels start at 1, found 0")]
    [InlineData("steps:\n", "escalation:\n  - { notify: assignee }\nsteps:\n", "test.yaml:6: escalation[0].after: missing required key 'after'")]
    [InlineData("    due: PT4H\n", "    due: PT4H\n    after: [report]\n", "test.yaml:9: steps[0].after[0]: dependency cycle: report -> report")]
    [InlineData(End, "    after: [review, closure]\n", "test.yaml:25: steps[4].after[1]: dependency cycle: closure -> closure")]
    public void AMisfitSettingIsReportedWhereItIs(string old, string replacement, params string[] expected)
    {
        Assert.Equal(expected, Minimal.Errors(Minimal.With((old, replacement))));
    }

    [Fact]
    public void ACycleIsNamedStepByStepOnce()
    {
        var yaml = Minimal.With(("  - key: family\n", """
              - key: a
                kind: task
                after: [c]
              - key: b
                kind: task
                after: [a]
              - key: c
                kind: task
                after: [b]
              - key: family

            """));

        Assert.Equal(["test.yaml:18: steps[2].after[0]: dependency cycle: a -> c -> b -> a"], Minimal.Errors(yaml));
    }

    [Fact]
    public void EveryStepMustHaveARoleOfTheWorkflowEvenByDefault()
    {
        var errors = Minimal.Errors(Minimal.With(("roles: [officer, supervisor]", "roles: [supervisor]")));

        Assert.Equal(
            [
                "test.yaml:6: steps[0].role: unknown role 'officer' (the default): the workflow's roles are supervisor",
                "test.yaml:12: steps[1].role: unknown role 'officer' (the default): the workflow's roles are supervisor",
                "test.yaml:16: steps[2].role: unknown role 'officer' (the default): the workflow's roles are supervisor",
                "test.yaml:22: steps[4].role: unknown role 'officer' (the default): the workflow's roles are supervisor",
            ],
            errors);
    }

    [Theory]
    [InlineData("  - key: classify\n    kind: decision\n    decides: classification\n",
        "test.yaml:26: steps[5].categories: the classification decision needs categories")]
    [InlineData("  - key: classify\n    kind: decision\n    decides: classification\n    initial: unknown\n    categories: [{ key: homicide }]\n",
        "test.yaml:29: steps[5].initial: initial category 'unknown' is not one of the categories (homicide)")]
    [InlineData("  - key: classify\n    kind: decision\n    decides: classification\n    categories: [{ key: homicide }, { key: homicide }]\n",
        "test.yaml:29: steps[5].categories[1].key: duplicate category 'homicide' (first defined at line 29)")]
    [InlineData("  - key: classify\n    kind: decision\n    decides: classification\n    categories: [{ key: homicide }]\n  - key: classify-again\n    kind: decision\n    decides: classification\n    categories: [{ key: homicide }]\n",
        "test.yaml:32: steps[6].decides: a second classification decision (the first is 'classify' at line 26): at most one is allowed")]
    public void TheClassificationDecisionIsCheckedWhole(string steps, string expected)
    {
        Assert.Equal([expected], Minimal.Errors(Minimal.Plus(steps)));
    }
}
