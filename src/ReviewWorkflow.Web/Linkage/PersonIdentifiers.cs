using PhoneNumbers;
using ReviewWorkflow.Engine.Linkage;
using ReviewWorkflow.Web.Cases;

namespace ReviewWorkflow.Web.Linkage;

/// <summary>
/// Turns what officers type about people into identifiers that compare: names folded, phone numbers
/// in E.164 (a number written "07700 900461" and "+44 7700 900461" is one number), emails and user
/// names in lower case. A phone number that cannot be read stays on the case as given but matches nothing.
/// </summary>
public static class PersonIdentifiers
{
    /// <summary>Numbers without a country code are read as UK numbers.</summary>
    public const string DefaultRegion = "GB";

    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public static string? Phone(string? raw, string region = DefaultRegion)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        try
        {
            var number = Phones.Parse(raw, region);
            return Phones.IsPossibleNumber(number) ? Phones.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    public static string? Email(string? raw) =>
        string.IsNullOrWhiteSpace(raw) || !raw.Contains('@') ? null : raw.Trim().ToLowerInvariant();

    public static string? Username(string? raw)
    {
        var value = raw?.Trim().TrimStart('@').ToLowerInvariant();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>Every identifier of a case: its persons', the deceased's name, and the names its circumstances mention.</summary>
    public static List<LinkageIdentifier> For(string deceasedName, string circumstances, IEnumerable<(string Name, string Role, string? Phone, string? Email, string? Username)> persons)
    {
        var ids = new List<LinkageIdentifier>();
        if (Folding.IdentifyingName(deceasedName) is { } deceased)
            ids.Add(new(IdentifierKinds.Name, deceased, LinkageIdentifier.DeceasedRole, "deceased", Folding.Label(deceasedName)));
        var index = 0;
        foreach (var p in persons)
        {
            var key = (index++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var label = Folding.Label(p.Name);
            if (Folding.IdentifyingName(p.Name) is { } name) ids.Add(new(IdentifierKinds.Name, name, p.Role, key, label));
            if (Phone(p.Phone) is { } phone) ids.Add(new(IdentifierKinds.Phone, phone, p.Role, key, label));
            if (Email(p.Email) is { } email) ids.Add(new(IdentifierKinds.Email, email, p.Role, key, label));
            if (Username(p.Username) is { } user) ids.Add(new(IdentifierKinds.Username, user, p.Role, key, label));
        }
        foreach (var mention in Folding.Mentions(circumstances))
            ids.Add(new(IdentifierKinds.Mention, mention, "mention", "mention", Folding.Label(mention)));
        return ids.DistinctBy(i => (i.Kind, i.Value, i.Person)).ToList();
    }

    public static List<LinkageIdentifier> For(Case c) =>
        For(c.DeceasedName, c.Circumstances, c.Persons.OrderBy(p => p.Id == 0 ? long.MaxValue : p.Id)
            .Select(p => (p.Name, p.Role, p.Phone, p.Email, p.Username)));
}
