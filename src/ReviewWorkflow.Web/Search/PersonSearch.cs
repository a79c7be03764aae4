using System.Text.RegularExpressions;
using ReviewWorkflow.Engine.Linkage;
using ReviewWorkflow.Web.Linkage;

namespace ReviewWorkflow.Web.Search;

/// <summary>
/// The person page: every case, family-information item and step answer in which one identifier
/// (a phone number in any written form, an email, a user name, a name) occurs — linkage's identifier
/// table, read by its (kind, value) index, for the cases the user may see.
/// </summary>
public static partial class PersonSearch
{
    public static (string Kind, string Value)? Normalise(string identifier)
    {
        var text = identifier.Trim();
        if (text.Length is 0 or > CaseSearch.MaxQuery) return null;
        if (PersonIdentifiers.Email(text) is { } email) return (IdentifierKinds.Email, email);
        if (text.Count(char.IsAsciiDigit) >= 7 && PersonIdentifiers.Phone(text) is { } phone) return (IdentifierKinds.Phone, phone);
        if (text.StartsWith('@') && PersonIdentifiers.Username(text) is { } username) return (IdentifierKinds.Username, username);
        var name = Folding.FoldName(text);
        return name.Length == 0 ? null : (IdentifierKinds.Name, name);
    }

    public static async Task<PersonDto> RunAsync(ReviewDb db, CurrentUser user, string identifier, (string Kind, string Value) id, CancellationToken ct)
    {
        // A name is also found where a text mentions it.
        string[] kinds = id.Kind == IdentifierKinds.Name ? [IdentifierKinds.Name, IdentifierKinds.PersonMention, IdentifierKinds.Mention] : [id.Kind];
        var value = id.Value;
        var query =
            from i in db.PersonIdentifiers.AsNoTracking()
            join c in db.Cases.AsNoTracking() on i.CaseId equals c.Id
            where kinds.Contains(i.Kind) && i.Value == value
            select new { c.Id, c.Reference, c.DeceasedName, c.FoundAt, c.Team, i.Kind, i.Role, i.Label };
        if (!user.SeesAllTeams) query = query.Where(r => r.Team == user.Team);
        var rows = await query.OrderBy(r => r.FoundAt).ThenBy(r => r.Reference).Take(500).ToListAsync(ct);
        return new PersonDto(identifier.Trim(), id.Kind, value, [.. rows.Distinct().Select(r =>
            new OccurrenceDto(r.Id, r.Reference, r.DeceasedName, r.FoundAt, r.Kind, r.Role, r.Label, Link(r.Id, r.Role)))]);
    }

    /// <summary>Where the occurrence is read: the family-information register for an item's ("named in FI-2"), else the case page.</summary>
    private static string Link(Guid caseId, string where) =>
        ItemReference().IsMatch(where) ? $"/cases/{caseId}/family-information" : $"/cases/{caseId}";

    [GeneratedRegex(@"\bFI-\d+\b")]
    private static partial Regex ItemReference();
}
