using System.Globalization;
using System.Text.Json;

namespace ReviewWorkflow.Web.Steps;

/// <summary>
/// Turns a step form, generated from the definition's fields, into the JSON answers the engine
/// validates (the same shape the API receives), and answers back into form values. The page checks
/// nothing itself: a wrong or missing answer comes back from the engine as a field error.
/// </summary>
public static class StepForm
{
    public static readonly string[] PersonParts = ["name", "role", "phone", "email", "username"];

    public static string Name(FieldDefinition field, string? part = null) => part is null ? $"f.{field.Key}" : $"f.{field.Key}.{part}";

    public static string Id(FieldDefinition field, string? part = null) => part is null ? $"f-{field.Key}" : $"f-{field.Key}-{part}";

    /// <summary>The engine's key for a field's errors.</summary>
    public static string ErrorKey(FieldDefinition field) => $"fields.{field.Key}";

    public static Dictionary<string, JsonElement> Read(StepDefinition step, IFormCollection form)
    {
        var answers = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var field in step.Fields)
        {
            string raw = form[Name(field)].ToString();
            object? value = field.Type switch
            {
                FieldType.Bool => raw switch { "true" => true, "false" => false, _ => null },
                FieldType.Number => string.IsNullOrWhiteSpace(raw) ? null
                    : decimal.TryParse(raw.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : raw,
                // A datetime-local value has no zone; the form says UK time, so the answer is sent as that instant in UTC.
                FieldType.DateTime => string.IsNullOrWhiteSpace(raw) ? null : FormInput.IsoUtc(raw) ?? raw,
                FieldType.List => FormInput.Lines(raw) is { Count: > 0 } items ? items : null,
                FieldType.Person => Person(field, form),
                _ => string.IsNullOrWhiteSpace(raw) ? null : raw,
            };
            if (value is not null) answers[field.Key] = JsonSerializer.SerializeToElement(value);
        }
        return answers;
    }

    private static Dictionary<string, string>? Person(FieldDefinition field, IFormCollection form)
    {
        var parts = PersonParts
            .Select(p => (p, v: form[Name(field, p)].ToString().Trim()))
            .Where(x => x.v.Length > 0)
            .ToDictionary(x => x.p, x => x.v);
        return parts.Count == 0 ? null : parts;
    }

    /// <summary>Earlier answers as form values, so a returned step is redone from what was written, not from nothing.</summary>
    public static Dictionary<string, string> Values(StepDefinition step, IReadOnlyDictionary<string, FieldValue> answers)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in step.Fields)
        {
            if (!answers.TryGetValue(field.Key, out var answer)) continue;
            switch (answer)
            {
                case BoolValue b: values[Name(field)] = b.Value ? "true" : "false"; break;
                case NumberValue n: values[Name(field)] = n.Value.ToString(CultureInfo.InvariantCulture); break;
                case DateTimeValue d: values[Name(field)] = Display.InputTime(d.Value); break;
                case TextValue t: values[Name(field)] = t.Value; break;
                case ChoiceValue c: values[Name(field)] = c.Value; break;
                case ListValue l: values[Name(field)] = string.Join("\n", l.Items); break;
                case PersonValue p:
                    values[Name(field, "name")] = p.Name;
                    values[Name(field, "role")] = p.Role ?? "";
                    values[Name(field, "phone")] = p.Phone ?? "";
                    values[Name(field, "email")] = p.Email ?? "";
                    values[Name(field, "username")] = p.Username ?? "";
                    break;
            }
        }
        return values;
    }

    public static Dictionary<string, string> Values(IFormCollection form) =>
        form.Keys.Where(k => k.StartsWith("f.", StringComparison.Ordinal) || k == "note").ToDictionary(k => k, k => form[k].ToString());
}
