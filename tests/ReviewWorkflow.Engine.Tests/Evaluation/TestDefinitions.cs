using ReviewWorkflow.Engine.Definitions;
using ReviewWorkflow.Tests;

namespace ReviewWorkflow.Engine.Tests.Evaluation;

/// <summary>
/// The shipped workflow, and small definitions built straight from the records for tests of one rule
/// (their steps take the shipped workflow's escalation ladder).
/// </summary>
public static class TestDefinitions
{
    /// <summary>The shipped workflow, parsed from its file (<see cref="DefaultWorkflow"/>).</summary>
    public static WorkflowDefinition UnexplainedDeath() => DefaultWorkflow.Definition;

    public static WorkflowDefinition Workflow(params StepDefinition[] steps) =>
        new("unexplained-death", 1, "Unexplained death review", ["officer", "supervisor", "inspector"], DefaultWorkflow.Definition.Escalation, steps, "test");

    public static StepDefinition Step(
        string key, StepKind kind = StepKind.Task, string role = "officer", TimeSpan? due = null, string[]? after = null,
        Condition? when = null, FieldDefinition[]? fields = null, string[]? approves = null,
        DecisionPurpose decides = DecisionPurpose.None, CategoryDefinition[]? categories = null,
        string? initialCategory = null, int rationaleMinLength = 0, IReadOnlyList<EscalationRung>? escalation = null) =>
        new(key, key, kind, role, due, after ?? [], when, fields ?? [], approves ?? [], decides, categories ?? [],
            initialCategory, rationaleMinLength, null, escalation, 0);

    public static FieldDefinition Field(string key, FieldType type, bool required = true, int minLength = 0, string[]? choices = null) =>
        new(key, key, type, required, choices ?? [], minLength);

    public static TimeSpan Hours(double h) => TimeSpan.FromHours(h);

    public static TimeSpan Days(double d) => TimeSpan.FromDays(d);

    public static FieldReference Ref(string text)
    {
        var dot = text.IndexOf('.');
        return new FieldReference(text[..dot], text[(dot + 1)..]);
    }

    public static TruthyCondition Truthy(string reference) => new(reference, Ref(reference));

    public static EqualsCondition EqualTo(string reference, string value) => new($"{reference} == {value}", Ref(reference), value, false);

    public static EqualsCondition NotEqualTo(string reference, string value) => new($"{reference} != {value}", Ref(reference), value, true);

    public static ContainsCondition Contains(string reference, string value) => new($"{reference} contains {value}", Ref(reference), value);

    public static AnyCondition Or(params Condition[] terms) => new(string.Join(" or ", terms.Select(t => t.Text)), terms);

    public static AllCondition And(params Condition[] terms) => new(string.Join(" and ", terms.Select(t => t.Text)), terms);
}
