namespace ReviewWorkflow.Engine.Evaluation;

/// <summary>A typed answer to a step field.</summary>
public abstract record FieldValue;

public sealed record BoolValue(bool Value) : FieldValue;

public sealed record TextValue(string Value) : FieldValue;

public sealed record NumberValue(decimal Value) : FieldValue;

public sealed record DateTimeValue(DateTimeOffset Value) : FieldValue;

public sealed record ChoiceValue(string Value) : FieldValue;

public sealed record PersonValue(string Name, string? Role, string? Phone, string? Email, string? Username) : FieldValue;

public sealed record ListValue(IReadOnlyList<string> Items) : FieldValue;
