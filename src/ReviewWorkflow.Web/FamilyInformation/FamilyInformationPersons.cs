using System.Text.RegularExpressions;

namespace ReviewWorkflow.Web.FamilyInformation;

/// <summary>
/// The linkage feed: persons and identifiers named in an item join the case's persons, so the
/// linkage check compares them with every other death (F5: a friend had the false name and the
/// number the killer used, and nobody matched them). The giver joins too when their contact is a
/// phone number or an email, since the same family member may speak about two deaths.
/// </summary>
public static partial class FamilyInformationPersons
{
    public const string ProviderRole = "family";
    public const string FriendRole = "friend";

    /// <summary>Kin the register's givers name themselves by; anyone else (a friend, a flatmate) is listed as a friend, not as family.</summary>
    private static readonly string[] FamilyWords =
    [
        "family", "mother", "father", "mum", "dad", "parent", "sister", "brother", "sibling", "son", "daughter", "child",
        "wife", "husband", "spouse", "partner", "aunt", "uncle", "cousin", "niece", "nephew", "grand", "step", "in-law", "twin",
    ];

    public static string ProviderRoleFor(string? relationship) =>
        relationship is not null && FamilyWords.Any(w => relationship.Contains(w, StringComparison.OrdinalIgnoreCase)) ? ProviderRole : FriendRole;
    public const string NamedRole = "associate";
    /// <summary>As for the deceased: the project's word for a name nobody knows.</summary>
    public const string UnknownName = "unknown";

    public static List<CasePerson> From(Case c, LogFamilyInformationRequest r, DateTimeOffset now)
    {
        var people = new List<CasePerson>();
        var provider = r.ProvidedBy!;
        var contact = Blank(provider.Contact);
        var role = ProviderRoleFor(provider.Relationship);
        if (IsEmail(contact)) people.Add(New(c, provider.Name!, role, phone: null, email: contact, username: null, now));
        else if (IsPhone(contact)) people.Add(New(c, provider.Name!, role, phone: contact, email: null, username: null, now));

        foreach (var p in r.Persons ?? [])
            people.Add(New(c, Blank(p.Name) ?? UnknownName, p.Role ?? NamedRole, Blank(p.Phone), Blank(p.Email), Blank(p.Username), now));

        // The same sister calling five times is one person, not five.
        return people
            .Where(p => !c.Persons.Any(existing => Same(existing, p)))
            .DistinctBy(p => Key(p))
            .ToList();
    }

    public static bool IsEmail(string? text) => text is not null && EmailPattern().IsMatch(text);

    public static bool IsPhone(string? text) => text is not null && PhonePattern().IsMatch(text) && text.Count(char.IsAsciiDigit) >= 7;

    private static CasePerson New(Case c, string name, string role, string? phone, string? email, string? username, DateTimeOffset now) =>
        new() { CaseId = c.Id, Name = name.Trim(), Role = role, Phone = phone, Email = email, Username = username, AddedAt = now };

    private static bool Same(CasePerson a, CasePerson b) => Key(a) == Key(b);

    private static string Key(CasePerson p) =>
        string.Join('\u001f', p.Name, p.Role, p.Phone ?? "", p.Email ?? "", p.Username ?? "").ToUpperInvariant();

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9 ().\-]+$")]
    private static partial Regex PhonePattern();
}
