using System.Text;
using System.Text.Json;

namespace ReviewWorkflow.Engine.Evaluation;

/// <summary>
/// Stored form of field values: <c>{"key": {"t": "&lt;type&gt;", "v": &lt;value&gt;}}</c>. The tag makes
/// the read exact without the step definition (a choice and a text look alike in plain JSON, and a
/// definition may have changed since the answer was given).
/// </summary>
internal static class FieldStorage
{
    private const string Bool = "bool", Text = "text", Number = "number", DateTime = "date-time",
        Choice = "choice", Person = "person", List = "list";

    public static string Write(IReadOnlyDictionary<string, FieldValue> values)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (key, value) in values)
            {
                json.WritePropertyName(key);
                json.WriteStartObject();
                json.WriteString("t", Tag(value));
                json.WritePropertyName("v");
                WriteValue(json, value);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Tag(FieldValue value) => value switch
    {
        BoolValue => Bool, TextValue => Text, NumberValue => Number, DateTimeValue => DateTime,
        ChoiceValue => Choice, PersonValue => Person, ListValue => List,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.GetType().Name, "unknown field value type"),
    };

    private static void WriteValue(Utf8JsonWriter json, FieldValue value)
    {
        switch (value)
        {
            case BoolValue b: json.WriteBooleanValue(b.Value); break;
            case TextValue t: json.WriteStringValue(t.Value); break;
            case NumberValue n: json.WriteNumberValue(n.Value); break;
            // "O" keeps the offset as given, so a read-back shows the officer's local time unchanged.
            case DateTimeValue d: json.WriteStringValue(d.Value.ToString("O", CultureInfo.InvariantCulture)); break;
            case ChoiceValue c: json.WriteStringValue(c.Value); break;
            case ListValue l:
                json.WriteStartArray();
                foreach (var item in l.Items) json.WriteStringValue(item);
                json.WriteEndArray();
                break;
            case PersonValue p:
                json.WriteStartObject();
                json.WriteString("name", p.Name);
                if (p.Role is not null) json.WriteString("role", p.Role);
                if (p.Phone is not null) json.WriteString("phone", p.Phone);
                if (p.Email is not null) json.WriteString("email", p.Email);
                if (p.Username is not null) json.WriteString("username", p.Username);
                json.WriteEndObject();
                break;
        }
    }

    public static IReadOnlyDictionary<string, FieldValue> Read(string json)
    {
        var values = new Dictionary<string, FieldValue>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json)) return values;
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object) return values;
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (ReadValue(property.Value) is { } value) values[property.Name] = value;
        }
        return values;
    }

    private static FieldValue? ReadValue(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty("t", out var tag) && tag.ValueKind == JsonValueKind.String
            && element.TryGetProperty("v", out var value))
        {
            return Tagged(tag.GetString()!, value) ?? Inferred(value);
        }
        return Inferred(element);
    }

    /// <summary>Null when the value does not fit its tag; the caller then falls back to inference.</summary>
    private static FieldValue? Tagged(string tag, JsonElement v) => (tag, v.ValueKind) switch
    {
        (Bool, JsonValueKind.True or JsonValueKind.False) => new BoolValue(v.GetBoolean()),
        (Text, JsonValueKind.String) => new TextValue(v.GetString()!),
        (Number, JsonValueKind.Number) when v.TryGetDecimal(out var n) => new NumberValue(n),
        (DateTime, JsonValueKind.String) when DateTimeOffset.TryParseExact(v.GetString(), "O",
            CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) => new DateTimeValue(at),
        (Choice, JsonValueKind.String) => new ChoiceValue(v.GetString()!),
        (Person, JsonValueKind.Object) => ReadPerson(v),
        (List, JsonValueKind.Array) => ReadList(v),
        _ => null,
    };

    /// <summary>
    /// Untagged or unrecognised values (hand-edited rows, a newer writer) are read by their JSON shape;
    /// anything else is kept as its raw text rather than dropped.
    /// </summary>
    private static FieldValue? Inferred(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True or JsonValueKind.False => new BoolValue(v.GetBoolean()),
        JsonValueKind.Number when v.TryGetDecimal(out var n) => new NumberValue(n),
        JsonValueKind.String => new TextValue(v.GetString()!),
        JsonValueKind.Array => ReadList(v),
        JsonValueKind.Object when v.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String => ReadPerson(v),
        _ => new TextValue(v.GetRawText()),
    };

    private static PersonValue ReadPerson(JsonElement v) =>
        new(Optional(v, "name") ?? "", Optional(v, "role"), Optional(v, "phone"), Optional(v, "email"), Optional(v, "username"));

    private static string? Optional(JsonElement v, string name) =>
        v.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static ListValue ReadList(JsonElement v) =>
        new([.. v.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.String ? i.GetString()! : i.GetRawText())]);
}
