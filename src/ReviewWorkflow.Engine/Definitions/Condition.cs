namespace ReviewWorkflow.Engine.Definitions;

/// <summary>
/// A step's <c>when</c> condition. The grammar is deliberately tiny so a policy author can read it:
/// <c>term (or term)*</c>, <c>term := factor (and factor)*</c>,
/// <c>factor := ref | ref == value | ref != value | ref contains value</c>,
/// where <c>ref</c> is <c>step-key.field-key</c> or <c>case.fact</c>
/// (facts: <c>linked</c>, <c>referralRequested</c>, <c>classification</c>, <c>classificationHistory</c>, <c>markers</c>, <c>substances</c>).
/// </summary>
public abstract record Condition(string Text);

public sealed record FieldReference(string Scope, string Name)
{
    public bool IsCaseFact => Scope == "case";
    public override string ToString() => $"{Scope}.{Name}";
}

public sealed record TruthyCondition(string Text, FieldReference Ref) : Condition(Text);

public sealed record EqualsCondition(string Text, FieldReference Ref, string Value, bool Negated) : Condition(Text);

public sealed record ContainsCondition(string Text, FieldReference Ref, string Value) : Condition(Text);

public sealed record AnyCondition(string Text, IReadOnlyList<Condition> Terms) : Condition(Text);

public sealed record AllCondition(string Text, IReadOnlyList<Condition> Terms) : Condition(Text);
