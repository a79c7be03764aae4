namespace ReviewWorkflow.Engine.Evaluation;

/// <summary>A typed answer to a step field.</summary>
public abstract record FieldValue;

public sealed record BoolValue(bool Value) : FieldValue;

public sealed record TextValue(string Value) : FieldValue;

public sealed record NumberValue(decimal Value) : FieldValue;

public sealed record DateTimeValue(DateTimeOffset Value) : FieldValue;

public sealed record ChoiceValue(string Value) : FieldValue;

public sealed record PersonValue(string Name, string? Role, string? Phone, string? Email, string? Username) : FieldValue;

/// <summary>
/// Compares by items, in order: a record's default equality would compare the list by reference, so
/// the same answer read back from storage would look changed.
/// </summary>
public sealed record ListValue(IReadOnlyList<string> Items) : FieldValue
{
    public bool Equals(ListValue? other) => other is not null && Items.SequenceEqual(other.Items, StringComparer.Ordinal);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in Items) hash.Add(item, StringComparer.Ordinal);
        return hash.ToHashCode();
    }
}
