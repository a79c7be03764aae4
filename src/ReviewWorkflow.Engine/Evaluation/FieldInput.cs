using System.Text.Json;
using System.Text.RegularExpressions;

namespace ReviewWorkflow.Engine.Evaluation;

/// <summary>Reads one client-supplied value for one field definition.</summary>
internal static partial class FieldInput
{
    public abstract record Result;
    /// <summary>Absent, null, blank text or an empty list: the question was not answered.</summary>
    public sealed record Missing : Result;
    public sealed record Invalid(string Message) : Result;
    public sealed record Given(FieldValue Value) : Result;

    private static readonly Missing NotGiven = new();

    public const string DateTimeMessage = "must be a date-time with offset, e.g. 2024-06-01T07:30:00Z";
    public const string PersonMessage = "must be a person: an object with a non-empty name";
    public const string UserMessage = "must be a user of the case's team: their email or user id";
    public const string ListMessage = "must be a list of text, e.g. [\"a\", \"b\"]";
    private static readonly string[] PersonProperties = ["name", "role", "phone", "email", "username"];

    public static Result Read(FieldDefinition field, JsonElement element)
    {
        if (element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null) return NotGiven;
        if (element.ValueKind == JsonValueKind.String && Decoded(element) is null) return new Invalid(LoneSurrogate);
        return field.Type switch
        {
            FieldType.Bool => element.ValueKind switch
            {
                JsonValueKind.True => new Given(new BoolValue(true)),
                JsonValueKind.False => new Given(new BoolValue(false)),
                _ => new Invalid("must be true or false"),
            },
            FieldType.Text => Text(field, element),
            FieldType.Number => element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out var number)
                ? new Given(new NumberValue(number))
                : new Invalid("must be a number"),
            FieldType.DateTime => DateTime(element),
            FieldType.Choice => Choice(field, element),
            FieldType.Person => Person(field, element),
            FieldType.List => List(field, element),
            FieldType.User => User(field, element),
            _ => new Invalid($"has an unsupported type {field.Type}"),
        };
    }

    private static Result Text(FieldDefinition field, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String) return new Invalid("must be text");
        if (Clean(field, element, out var text) is { } refused) return refused;
        if (text.Length == 0) return NotGiven;
        return text.Length < field.MinLength
            ? new Invalid($"must be at least {field.MinLength} characters")
            : new Given(new TextValue(text));
    }

    private const string LoneSurrogate = "must not contain a lone surrogate; send valid Unicode";

    /// <summary>Null when the JSON string escapes half a surrogate pair, which .NET cannot turn into a string.</summary>
    private static string? Decoded(JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static Result User(FieldDefinition field, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String) return new Invalid(UserMessage);
        if (Clean(field, element, out var user) is { } refused) return refused;
        return user.Length > 0 ? new Given(new TextValue(user)) : NotGiven;
    }

    /// <summary>
    /// The trimmed text of a string element, or why it is refused: too long for the field, control
    /// characters, or a lone surrogate (which <see cref="JsonElement.GetString"/> cannot even decode).
    /// </summary>
    private static Invalid? Clean(FieldDefinition field, JsonElement element, out string text, string what = "")
    {
        text = "";
        if (Decoded(element) is not { } raw) return new Invalid(what + LoneSurrogate);
        if (PlainText.Refusal(raw) is { } refusal) return new Invalid(what + refusal);
        text = raw.Trim();
        return text.Length > field.LongestText ? new Invalid($"{what}must be at most {Wording.Count(field.LongestText)} characters") : null;
    }

    // A time without an offset is ambiguous by up to a day across forces and clients; refuse it.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex IsoWithOffset();

    private static Result DateTime(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String) return new Invalid(DateTimeMessage);
        var text = element.GetString()!.Trim();
        if (text.Length == 0) return NotGiven;
        return IsoWithOffset().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
                ? new Given(new DateTimeValue(at))
                : new Invalid(DateTimeMessage);
    }

    private static Result Choice(FieldDefinition field, JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.String && element.GetString()!.Trim() is var text)
        {
            if (text.Length == 0) return NotGiven;
            // Stored in the definition's spelling so conditions and reports see one value.
            var choice = field.Choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
            if (choice is not null) return new Given(new ChoiceValue(choice));
        }
        return new Invalid(Wording.Choices(field.Choices));
    }

    private static Result Person(FieldDefinition field, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object) return new Invalid(PersonMessage);
        var parts = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!PersonProperties.Contains(property.Name))
                return new Invalid($"has no property '{property.Name}' (a person has {string.Join(", ", PersonProperties)})");
            if (property.Value.ValueKind == JsonValueKind.Null) continue;
            if (property.Value.ValueKind != JsonValueKind.String) return new Invalid($"{property.Name} must be text");
            if (Clean(field, property.Value, out var value, property.Name + " ") is { } refused) return refused;
            parts[property.Name] = value.Length == 0 ? null : value;
        }
        if (parts.GetValueOrDefault("name") is not { } name) return new Invalid(PersonMessage);
        return new Given(new PersonValue(name, parts.GetValueOrDefault("role"), parts.GetValueOrDefault("phone"),
            parts.GetValueOrDefault("email"), parts.GetValueOrDefault("username")));
    }

    private static Result List(FieldDefinition field, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Array) return new Invalid(ListMessage);
        if (element.GetArrayLength() > field.MostItems) return new Invalid($"must have at most {Wording.Count(field.MostItems)} entries");
        var items = new List<string>();
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) return new Invalid(ListMessage);
            if (Clean(field, item, out var text, $"entry {items.Count + 1} ") is { } refused) return refused;
            if (text.Length == 0) return new Invalid(ListMessage);
            items.Add(text);
        }
        // An empty optional list is an answer ("none found"); an empty required list is not.
        return items.Count == 0 && field.Required ? NotGiven : new Given(new ListValue(items));
    }
}
