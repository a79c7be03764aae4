using System.Text.Json;

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
        StepDefinition step, IReadOnlyDictionary<string, JsonElement> input)
    {
        var values = new Dictionary<string, FieldValue>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);

        // Reported rather than ignored: a misspelt key would otherwise look like a missing answer.
        foreach (var key in input.Keys.Where(k => step.FindField(k) is null))
            errors[$"fields.{key}"] = [$"unknown field '{key}'"];

        foreach (var field in step.Fields)
        {
            input.TryGetValue(field.Key, out var element);
            switch (FieldInput.Read(field, element))
            {
                case FieldInput.Missing when field.Required:
                    errors[$"fields.{field.Key}"] = ["required"];
                    break;
                case FieldInput.Invalid invalid:
                    errors[$"fields.{field.Key}"] = [invalid.Message];
                    break;
                case FieldInput.Given given:
                    values[field.Key] = given.Value;
                    break;
            }
        }
        return (values, errors);
    }

    /// <summary>Serialises values to a JSON object (for storage), each value tagged with its type.</summary>
    public static string ToJson(IReadOnlyDictionary<string, FieldValue> values) => FieldStorage.Write(values);

    /// <summary>Reads stored values back, trusting their shape (keys the step no longer knows are kept as text).</summary>
    public static IReadOnlyDictionary<string, FieldValue> FromJson(string json) => FieldStorage.Read(json);
}
