using ReviewWorkflow.Engine.Commands;

namespace ReviewWorkflow.Web.Ui;

/// <summary>How a refused command reads on a form: field errors beside their fields, otherwise the reasons as one message.</summary>
public static class FormRefusal
{
    public static (IReadOnlyDictionary<string, string[]> Errors, IReadOnlyList<string> Problems) Read(Refused refusal) =>
        refusal.FieldErrors.Count > 0 ? (refusal.FieldErrors, []) : (new Dictionary<string, string[]>(), refusal.Reasons);

    /// <summary>The messages for a field, including those of its parts ("persons" shows "persons[1].phone").</summary>
    public static string? Error(IReadOnlyDictionary<string, string[]> errors, string key) =>
        errors.Where(e => e.Key == key || e.Key.StartsWith(key + ".", StringComparison.Ordinal) || e.Key.StartsWith(key + "[", StringComparison.Ordinal))
            .SelectMany(e => e.Value) is var m && m.Any() ? string.Join("; ", m) : null;
}
