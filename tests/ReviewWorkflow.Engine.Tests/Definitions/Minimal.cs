using ReviewWorkflow.Engine.Definitions;

namespace ReviewWorkflow.Engine.Tests.Definitions;

/// <summary>The smallest workflow that keeps every safeguard; tests change one thing at a time.</summary>
internal static class Minimal
{
    public const string Yaml = """
        key: minimal
        version: 1
        title: Minimal review
        roles: [officer, supervisor]
        steps:
          - key: report
            kind: task
            due: PT4H
            fields:
              - { key: noteFound, type: bool, required: true }
              - { key: how, type: choice, choices: [phone, in-person] }
          - key: linkage
            kind: linkage
            after: [report]
            linkage: { radiusKm: 5, windowDays: 365, threshold: 0.5, weights: { distance: 1 } }
          - key: family
            kind: family-information
          - key: review
            kind: sign-off
            role: supervisor
            approves: [report, linkage, family]
          - key: closure
            kind: decision
            decides: closure
            after: [review]

        """;

    /// <summary>The minimal workflow with exact text replacements (each must match once or more).</summary>
    public static string With(params (string Old, string New)[] edits) =>
        edits.Aggregate(Yaml, (text, edit) =>
            text.Contains(edit.Old, StringComparison.Ordinal) ? ReplaceFirst(text, edit.Old, edit.New) : throw new ArgumentException($"not in the minimal workflow: {edit.Old}"));

    /// <summary>The minimal workflow with more steps at the end.</summary>
    public static string Plus(string steps) => Yaml + steps.TrimEnd() + "\n";

    public static IReadOnlyList<string> Errors(string yaml, string file = "test.yaml") =>
        [.. DefinitionParser.Parse(file, yaml).Errors.Select(e => e.ToString())];

    public static WorkflowDefinition Valid(string yaml)
    {
        var result = DefinitionParser.Parse("test.yaml", yaml);
        if (result.Errors.Count > 0)
        {
            Assert.Fail(string.Join("\n", result.Errors));
        }

        return result.Definition!;
    }

    private static string ReplaceFirst(string text, string old, string replacement)
    {
        var at = text.IndexOf(old, StringComparison.Ordinal);
        return text[..at] + replacement + text[(at + old.Length)..];
    }
}
