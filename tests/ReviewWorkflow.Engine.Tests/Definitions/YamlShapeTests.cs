namespace ReviewWorkflow.Engine.Tests.Definitions;

/// <summary>Files that are not YAML, or not shaped like a workflow, still get one located message.</summary>
public sealed class YamlShapeTests
{
    [Theory]
    [InlineData("", "test.yaml:1: (yaml): the file is empty")]
    [InlineData("# nothing here yet\n", "test.yaml:1: (yaml): the file is empty")]
    [InlineData("- key: x\n", "test.yaml:1: (root): expected a mapping of keys to values, found a list")]
    [InlineData("key: a\nversion: 1\ntitle: A\nsteps: none\n", "test.yaml:4: steps: expected a list, found a single value")]
    [InlineData("key: a\nversion: 1\ntitle: A\nsteps: []\n", "test.yaml:4: steps: a workflow needs at least one step")]
    [InlineData("key: a\nkey: b\n", "test.yaml:2: (yaml): malformed YAML: duplicate key 'key' in the same mapping (column 1)")]
    [InlineData("key: a\nroles: [officer, supervisor\nsteps: []\n", "test.yaml:3: (yaml): malformed YAML: cannot be read past this line (an unclosed '[', '{' or quote?)")]
    [InlineData("key: a\n---\nkey: b\n", "test.yaml:3: (yaml): expected one YAML document, found 2")]
    public void AFileThatIsNotAWorkflowSaysWhere(string yaml, string expected)
    {
        Assert.Equal([expected], Minimal.Errors(yaml));
    }

    [Theory]
    [InlineData("title: Minimal review", "title:", "test.yaml:3: title: required key 'title' has no value")]
    [InlineData("title: Minimal review", "title: [a, b]", "test.yaml:3: title: expected a single value, found a list")]
    [InlineData("version: 1", "version: one", "test.yaml:2: version: 'one' is not a whole number")]
    [InlineData("version: 1", "version: 0", "test.yaml:2: version: version must be 1 or more, found 0")]
    [InlineData("key: minimal", "key: Minimal review", "test.yaml:1: key: 'Minimal review' is not a valid workflow key: use letters, digits, '-' and '_', starting with a letter")]
    [InlineData("    after: [report]\n", "    after: report\n", "test.yaml:14: steps[1].after: expected a list, found a single value")]
    [InlineData("    kind: task\n", "    kind: [task]\n", "test.yaml:7: steps[0].kind: expected a single value, found a list")]
    [InlineData("type: bool, required: true }", "type: bool, required: true, colour: red }", "test.yaml:10: steps[0].fields[0].colour: unknown key 'colour'")]
    [InlineData("type: bool, required: true }", "type: bool, required: yes }", "test.yaml:10: steps[0].fields[0].required: 'yes' is not true or false")]
    [InlineData("    due: PT4H\n", "    due: PT4H\n    due: PT5H\n", "test.yaml:9: (yaml): malformed YAML: duplicate key 'due' in the same mapping (column 5)")]
    public void AValueOfTheWrongShapeIsReportedWhereItIs(string old, string replacement, string expected)
    {
        Assert.Equal([expected], Minimal.Errors(Minimal.With((old, replacement))));
    }

    [Theory]
    [InlineData("P1Y", "'P1Y' uses years or months, whose length varies; expected an ISO-8601 duration in weeks, days, hours, minutes or seconds, e.g. PT4H or P7D")]
    [InlineData("P1DT", "'P1DT' is not a valid duration; expected an ISO-8601 duration in weeks, days, hours, minutes or seconds, e.g. PT4H or P7D")]
    [InlineData("PT", "'PT' is not a valid duration; expected an ISO-8601 duration in weeks, days, hours, minutes or seconds, e.g. PT4H or P7D")]
    [InlineData("-P1D", "'-P1D' is negative: a duration cannot be negative")]
    [InlineData("P99999999999999D", "'P99999999999999D' is too long")]
    public void ADueThatIsNotAFixedLengthDurationIsRefused(string due, string message)
    {
        Assert.Equal([$"test.yaml:8: steps[0].due: {message}"], Minimal.Errors(Minimal.With(("due: PT4H", $"due: {due}"))));
    }
}
