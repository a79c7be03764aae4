using ReviewWorkflow.Engine.Definitions;

namespace ReviewWorkflow.Engine.Tests.Definitions;

/// <summary>
/// One file per validation rule under Fixtures/broken, each with the one message a policy author
/// would see. The message is asserted whole: file, line, path and wording are all part of what
/// lets an author fix the file without guessing.
/// </summary>
public sealed class BrokenFixtureTests
{
    [Theory]
    [InlineData("bad-duration.yaml", "bad-duration.yaml:9: steps[0].due: '4 hours' is not a valid duration; expected an ISO-8601 duration in weeks, days, hours, minutes or seconds, e.g. PT4H or P7D")]
    [InlineData("category-unknown-step.yaml", "category-unknown-step.yaml:34: steps[5].categories[1].requires[2]: unknown step 'toxicology'")]
    [InlineData("choice-without-choices.yaml", "choice-without-choices.yaml:12: steps[0].fields[1].choices: a choice field needs choices")]
    [InlineData("condition-bad-choice.yaml", "condition-bad-choice.yaml:20: steps[2].when: 'letter' is not one of the choices of report.how (phone, in-person)")]
    [InlineData("condition-syntax.yaml", "condition-syntax.yaml:20: steps[2].when: condition syntax error at column 18: use '==' or '!=' to compare, not '='")]
    [InlineData("condition-unknown-fact.yaml", "condition-unknown-fact.yaml:20: steps[2].when: unknown case fact 'suspicious' (known: linked, referralRequested, classification, classificationHistory, markers, substances)")]
    [InlineData("condition-unknown-field.yaml", "condition-unknown-field.yaml:20: steps[2].when: step 'report' has no field 'noteFund'")]
    [InlineData("condition-unknown-step.yaml", "condition-unknown-step.yaml:20: steps[2].when: unknown step 'initial-report' in 'initial-report.noteFound'")]
    [InlineData("decides-on-task.yaml", "decides-on-task.yaml:9: steps[0].decides: decides is only for decision steps; this step's kind is task")]
    [InlineData("dependency-cycle.yaml", "dependency-cycle.yaml:10: steps[0].after[0]: dependency cycle: report -> linkage -> report")]
    [InlineData("duplicate-field-key.yaml", "duplicate-field-key.yaml:12: steps[0].fields[1].key: duplicate field key 'noteFound' (first defined at line 11)")]
    [InlineData("duplicate-step-key.yaml", "duplicate-step-key.yaml:13: steps[1].key: duplicate step key 'report' (first defined at line 7)")]
    [InlineData("escalation-levels.yaml", "escalation-levels.yaml:9: escalation[2].level: escalation levels must be strictly increasing: level 2 follows level 3")]
    [InlineData("escalation-notify.yaml", "escalation-notify.yaml:11: steps[0].escalation[0].notify: unknown notify target 'duty-sergeant' (expected one of assignee, supervisor, inspector)")]
    [InlineData("linkage-missing-setting.yaml", "linkage-missing-setting.yaml:16: steps[1].linkage.radiusKm: missing required key 'radiusKm'")]
    [InlineData("linkage-missing.yaml", "linkage-missing.yaml:13: steps[1].linkage: a linkage step needs linkage settings (radiusKm, windowDays, threshold, weights)")]
    [InlineData("linkage-negative-weight.yaml", "linkage-negative-weight.yaml:16: steps[1].linkage.weights.time: a weight must not be negative, found -1")]
    [InlineData("linkage-on-task.yaml", "linkage-on-task.yaml:10: steps[0].linkage: linkage settings are only for linkage steps")]
    [InlineData("linkage-out-of-range.yaml", "linkage-out-of-range.yaml:16: steps[1].linkage.threshold: must be between 0 and 1, found 1.5")]
    [InlineData("linkage-unknown-factor.yaml", "linkage-unknown-factor.yaml:16: steps[1].linkage.weights.shoeSize: unknown linkage factor 'shoeSize' (known: distance, time, substance, profile, markers, sharedPerson, namedInCircumstances)")]
    [InlineData("malformed-yaml.yaml", "malformed-yaml.yaml:18: (yaml): malformed YAML: While parsing a block collection, did not find expected '-' indicator. (column 4)")]
    [InlineData("missing-kind.yaml", "missing-kind.yaml:7: steps[0].kind: missing required key 'kind'")]
    [InlineData("missing-title.yaml", "missing-title.yaml:2: title: missing required key 'title'")]
    [InlineData("month-duration.yaml", "month-duration.yaml:9: steps[0].due: 'P1M' uses years or months, whose length varies; expected an ISO-8601 duration in weeks, days, hours, minutes or seconds, e.g. PT4H or P7D")]
    [InlineData("negative-escalation.yaml", "negative-escalation.yaml:8: escalation[1].after: '-PT12H' is negative: a duration cannot be negative")]
    [InlineData("no-closure.yaml", "no-closure.yaml:7: steps: no closure step: exactly one decision step must have 'decides: closure'")]
    [InlineData("safeguard-no-family.yaml", "safeguard-no-family.yaml:23: steps[4]: closure does not depend on a family-information step: configuration cannot remove the family-information register")]
    [InlineData("safeguard-no-linkage.yaml", "safeguard-no-linkage.yaml:23: steps[4]: closure does not depend on a linkage step: configuration cannot remove the linkage check")]
    [InlineData("safeguard-no-signoff.yaml", "safeguard-no-signoff.yaml:23: steps[4]: closure does not depend on a sign-off by a supervisor (or higher) approving the linkage and family-information steps: configuration cannot remove supervision")]
    [InlineData("safeguard-unreviewed-classification.yaml", "safeguard-unreviewed-classification.yaml:37: steps[6]: closure does not depend on a sign-off by a supervisor (or higher) approving the classification 'not-suspicious': configuration cannot let a case close on a classification nobody reviewed")]
    [InlineData("signoff-approves-nothing.yaml", "signoff-approves-nothing.yaml:30: steps[5].approves: sign-off approves nothing")]
    [InlineData("signoff-approves-unknown.yaml", "signoff-approves-unknown.yaml:22: steps[3].approves[3]: unknown step 'intelligence'")]
    [InlineData("signoff-cycle.yaml", "signoff-cycle.yaml:19: steps[2].after[0]: dependency cycle: family -> review -> family")]
    [InlineData("two-closures.yaml", "two-closures.yaml:29: steps[5].decides: a second closure decision (the first is 'closure' at line 23): exactly one is required")]
    [InlineData("unknown-after.yaml", "unknown-after.yaml:23: steps[3].after[0]: unknown step 'linkage-check'")]
    [InlineData("unknown-decides.yaml", "unknown-decides.yaml:29: steps[5].decides: unknown decision 'arrest' (expected one of classification, referral, closure)")]
    [InlineData("unknown-field-type.yaml", "unknown-field-type.yaml:11: steps[0].fields[0].type: unknown field type 'boolean' (expected one of bool, text, number, date-time, choice, person, list, user)")]
    [InlineData("unknown-key.yaml", "unknown-key.yaml:19: steps[2].colour: unknown key 'colour'")]
    [InlineData("unknown-kind.yaml", "unknown-kind.yaml:8: steps[0].kind: unknown kind 'taks' (expected one of task, linkage, family-information, sign-off, decision)")]
    [InlineData("unknown-role.yaml", "unknown-role.yaml:21: steps[3].role: unknown role 'inspector': the workflow's roles are officer, supervisor")]
    [InlineData("unknown-workflow-role.yaml", "unknown-workflow-role.yaml:5: roles[2]: unknown role 'sergeant' (roles may only be officer, supervisor, inspector)")]
    [InlineData("unreachable-after-closure.yaml", "unreachable-after-closure.yaml:29: steps[5].after[0]: step 'debrief' is unreachable: it comes after the closure step 'closure'")]
    [InlineData("unreachable-condition.yaml", "unreachable-condition.yaml:20: steps[2].when: step 'visit' is unreachable: its condition can never hold: 'letter' is not one of the choices of report.how (phone, in-person)")]
    public void BrokenFixtureIsRefusedWithItsOneExactMessage(string file, string expected)
    {
        var result = DefinitionParser.Parse(file, Files.Broken(file));

        Assert.Null(result.Definition);
        Assert.False(result.IsValid);
        Assert.Equal([expected], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void EveryBrokenFixtureIsCoveredByATest()
    {
        var tested = typeof(BrokenFixtureTests).GetMethod(nameof(BrokenFixtureIsRefusedWithItsOneExactMessage))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => (string)a.GetData(null!).First()[0])
            .Append("several-problems.yaml");
        var onDisk = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "broken"), "*.yaml").Select(Path.GetFileName);

        Assert.Equal(onDisk.Order(), tested.Order());
    }

    [Fact]
    public void AFileWithSeveralProblemsReportsEveryOneInFileOrder()
    {
        var result = DefinitionParser.Parse("several-problems.yaml", Files.Broken("several-problems.yaml"));

        Assert.Equal(
            [
                "several-problems.yaml:4: owner: unknown key 'owner'",
                "several-problems.yaml:10: steps[0].due: 'soon' is not a valid duration; expected an ISO-8601 duration in weeks, days, hours, minutes or seconds, e.g. PT4H or P7D",
                "several-problems.yaml:12: steps[0].fields[0].type: unknown field type 'flag' (expected one of bool, text, number, date-time, choice, person, list, user)",
                "several-problems.yaml:16: steps[1].after[1]: unknown step 'linkage-check'",
                "several-problems.yaml:22: steps[3].role: unknown role 'inspector': the workflow's roles are officer, supervisor",
            ],
            result.Errors.Select(e => e.ToString()));
    }
}
