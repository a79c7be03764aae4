using System.Globalization;
using ReviewWorkflow.Engine.Evaluation;

namespace ReviewWorkflow.Web.Ui;

/// <summary>An answer as a person reads it.</summary>
public static class FieldDisplay
{
    public static string Text(FieldValue? value) => value switch
    {
        null => "—",
        BoolValue b => b.Value ? "Yes" : "No",
        TextValue t => t.Value,
        NumberValue n => n.Value.ToString(CultureInfo.InvariantCulture),
        DateTimeValue d => Display.Time(d.Value),
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
