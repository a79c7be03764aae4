using System.Text.Json;
using ReviewWorkflow.Engine.Definitions;

namespace ReviewWorkflow.Engine.Evaluation;

/// <summary>
/// Converts between JSON (as sent by clients and stored by the application) and typed field values.
/// JSON shapes: bool → true/false; text → string; number → number; date-time → ISO-8601 string with
/// offset; choice → one of the choices as a string; person → { name, role?, phone?, email?, username? };
/// list → array of strings.
/// </summary>
public static class FieldCodec
{
    /// <summary>
    /// Validates client input against the step's fields: unknown keys, missing required fields,
    /// wrong types, choices not in the list, text shorter than minLength. Errors are keyed by
    /// <c>fields.&lt;key&gt;</c>. Returns the typed values of the fields that were given.
    /// </summary>
    public static (IReadOnlyDictionary<string, FieldValue> Values, IReadOnlyDictionary<string, string[]> Errors) Parse(
        StepDefinition step, IReadOnlyDictionary<string, JsonElement> input) => throw new NotImplementedException();

    /// <summary>Serialises values to a JSON object (for storage).</summary>
    public static string ToJson(IReadOnlyDictionary<string, FieldValue> values) => throw new NotImplementedException();

    /// <summary>Reads stored values back, trusting their shape (keys the step no longer knows are kept as text).</summary>
    public static IReadOnlyDictionary<string, FieldValue> FromJson(string json) => throw new NotImplementedException();
}
