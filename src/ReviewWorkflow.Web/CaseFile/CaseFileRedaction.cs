using System.Text.RegularExpressions;
using ReviewWorkflow.Web.Steps;

namespace ReviewWorkflow.Web.CaseFile;

/// <summary>
/// Names of family members and of persons not charged (the product records no charges, so every
/// person of the case) are for the investigators: officers, supervisors and inspectors. An
/// administrator runs the system and does no casework, so reads them by their roles, as does
/// everyone in the file redacted for disclosure. The deceased and the officers stay named.
/// </summary>
public static class CaseFileRedaction
{
    public static bool MaySeeNames(string role) => Roles.Casework.Contains(role);

    public static CaseFileVariant VariantFor(string role, bool redactedAsked) =>
        redactedAsked || !MaySeeNames(role) ? CaseFileVariant.Redacted : CaseFileVariant.Full;

    /// <summary>Every name the file must not show in the redacted variant, with the role that replaces it.</summary>
    public static IReadOnlyDictionary<string, string> Names(CaseFileRecord record)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        void Add(string? name, string role)
        {
            if (!string.IsNullOrWhiteSpace(name) && name.Trim().Length > 1) names.TryAdd(name.Trim(), $"[{role}]");
        }
        foreach (var p in record.Case.Persons) Add(p.Name, RoleWords(p.Role));
        foreach (var i in record.FamilyItems) Add(i.ProvidedByName, i.ProvidedByRelationship);
        foreach (var a in record.Read.Context.Activities)
            foreach (var value in FieldCodec.FromJson(a.FieldsJson).Values)
                if (value is PersonValue p) Add(p.Name, RoleWords(p.Role ?? "person"));
        return names;
    }

    public static Func<string, string> Redactor(IReadOnlyDictionary<string, string> names)
    {
        if (names.Count == 0) return text => text;
        // Longest first, so "Dana Dunn" goes before a lone "Dana"; whole words only.
        var pattern = new Regex(@"\b(" + string.Join("|", names.Keys.OrderByDescending(n => n.Length).Select(Regex.Escape)) + @")\b",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return text => pattern.Replace(text, m => names[m.Value]);
    }

    /// <summary>A person's role as the file words it: "family" → "family member".</summary>
    public static string RoleWords(string role) => role switch
    {
        "family" => "family member",
        "reporting-person" => "reporting person",
        "person-of-interest" => "person of interest",
        _ => role.Replace('-', ' '),
    };
}
