using System.Globalization;

namespace ReviewWorkflow.Web.Ui;

/// <summary>An answer as a person reads it.</summary>
public static class FieldDisplay
{
    /// <summary>An answer to <paramref name="field"/>; a user field's stored id is shown as the person's name.</summary>
    public static string Answer(Engine.Definitions.FieldDefinition field, FieldValue? value, IReadOnlyDictionary<string, string> users, bool utc = false) =>
        field.Type == Engine.Definitions.FieldType.User && value is TextValue { Value: var id } ? users.GetValueOrDefault(id, id) : Text(value, utc);

    /// <summary>The user ids named by user fields in these answers, to look their names up once.</summary>
    public static IEnumerable<string> UserIds(IEnumerable<Engine.Definitions.FieldDefinition> fields, IEnumerable<IReadOnlyDictionary<string, FieldValue>> answers) =>
        answers.SelectMany(a => fields.Where(f => f.Type == Engine.Definitions.FieldType.User)
            .Select(f => a.GetValueOrDefault(f.Key)).OfType<TextValue>().Select(t => t.Value));

    /// <param name="utc">Times in UTC (the case file) rather than UK time (the pages).</param>
    public static string Text(FieldValue? value, bool utc = false) => value switch
    {
        null => "—",
        BoolValue b => b.Value ? "Yes" : "No",
        TextValue t => t.Value,
        NumberValue n => n.Value.ToString(CultureInfo.InvariantCulture),
        DateTimeValue d => utc ? Display.UtcTime(d.Value) : Display.Time(d.Value),
        ChoiceValue c => Display.Words(c.Value),
        PersonValue p => Person(p),
        ListValue l => l.Items.Count == 0 ? "none" : string.Join("; ", l.Items),
        _ => value.ToString() ?? "",
    };

    public static string Person(PersonValue p)
    {
        var details = new[] { p.Role, p.Phone, p.Email, p.Username }.Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        return details.Count == 0 ? p.Name : $"{p.Name} ({string.Join(", ", details)})";
    }
}
