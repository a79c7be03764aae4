using System.Text.Json;
using PhoneNumbers;
using ReviewWorkflow.Engine.Linkage;
using ReviewWorkflow.Web.FamilyInformation;
using ReviewWorkflow.Web.Steps;

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
    public static List<LinkageIdentifier> For(string deceasedName, string circumstances, IEnumerable<(string Name, string Role, string? Phone, string? Email, string? Username)> persons) =>
        For(deceasedName, persons.Select(p => new PersonSource(p.Name, p.Role, p.Phone, p.Email, p.Username)), [new TextSource(circumstances, CircumstancesRole)]);

    public const string CircumstancesRole = "mentioned in the circumstances";

    /// <summary>
    /// Every identifier of a case: the deceased's name; each person's name, phone, email and user
    /// name, grouped per person (<see cref="LinkageIdentifier.Person"/>), with where the case has
    /// him as the role; the names each text mentions, as person mentions where the text says so.
    /// </summary>
    public static List<LinkageIdentifier> For(string deceasedName, IEnumerable<PersonSource> persons, IEnumerable<TextSource> texts)
    {
        var ids = new List<LinkageIdentifier>();
        if (Folding.IdentifyingName(deceasedName) is { } deceased)
            ids.Add(new(IdentifierKinds.Name, deceased, LinkageIdentifier.DeceasedRole, "deceased", Folding.Label(deceasedName)));
        var index = 0;
        foreach (var p in persons)
        {
            var key = (index++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var label = Folding.Label(p.Name);
            var role = Fit(p.Where);
            if (p.NameIdentifies && Folding.IdentifyingName(p.Name) is { } name) ids.Add(new(IdentifierKinds.Name, name, role, key, label));
            if (Phone(p.Phone) is { } phone) ids.Add(new(IdentifierKinds.Phone, phone, role, key, label));
            if (Email(p.Email) is { } email) ids.Add(new(IdentifierKinds.Email, email, role, key, label));
            if (Username(p.Username) is { } user) ids.Add(new(IdentifierKinds.Username, user, role, key, label));
        }
        var mentioned = new Dictionary<string, string>(StringComparer.Ordinal);
        string Key(string value) => mentioned.TryGetValue(value, out var k) ? k : mentioned[value] = $"m{mentioned.Count}";
        foreach (var text in texts)
        {
            var role = Fit(text.Where);
            foreach (var mention in Folding.PersonMentions(text.Text))
                ids.Add(new(IdentifierKinds.PersonMention, mention, role, Key(mention), Folding.Label(mention)));
            foreach (var mention in Folding.Mentions(text.Text))
                ids.Add(new(IdentifierKinds.Mention, mention, role, Key(mention), Folding.Label(mention)));
        }
        return ids.Distinct().ToList();
    }

    /// <summary>
    /// Every identifier anywhere in a case: its persons (those a family item added are described by
    /// the item instead), each item's giver (by phone or email) and named persons, the person answers
    /// of its steps (by the field's type in the definition), and the names mentioned in its
    /// circumstances and item summaries.
    /// </summary>
    public static List<LinkageIdentifier> For(Case c, IEnumerable<FamilyInformationItem> items, IEnumerable<CaseActivity> answers, WorkflowDefinition definition)
    {
        var persons = new List<PersonSource>();
        var texts = new List<TextSource> { new(c.Circumstances, CircumstancesRole) };
        foreach (var item in items.OrderBy(i => i.Number))
        {
            var reference = item.Reference;
            var giver = Article(item.ProvidedByRelationship);
            var contact = item.ProvidedByContact;
            // The giver by the contact given: a relative's name alone is shared by too many families.
            if (FamilyInformationPersons.IsEmail(contact)) persons.Add(new(item.ProvidedByName, $"gave {reference} ({item.ProvidedByRelationship})", null, contact, null, NameIdentifies: false));
            else if (FamilyInformationPersons.IsPhone(contact)) persons.Add(new(item.ProvidedByName, $"gave {reference} ({item.ProvidedByRelationship})", contact, null, null, NameIdentifies: false));
            foreach (var p in JsonSerializer.Deserialize<List<NamedPersonDto>>(item.NamedPersonsJson, Json) ?? [])
                persons.Add(new(p.Name ?? FamilyInformationPersons.UnknownName, Fit($"named by {giver} in {reference}", $"named in {reference}"), p.Phone, p.Email, p.Username));
            texts.Add(new(item.Summary, $"mentioned in {reference}"));
        }
        var fromItems = persons.Select(SameAs).ToHashSet();
        foreach (var p in c.Persons.OrderBy(p => p.Id == 0 ? long.MaxValue : p.Id))
        {
            var person = new PersonSource(p.Name, p.Role, p.Phone, p.Email, p.Username);
            if (!fromItems.Contains(SameAs(person))) persons.Add(person);
        }
        persons.AddRange(InAnswers(answers, definition));
        return For(c.DeceasedName, persons, texts);
    }

    /// <summary>Whether these step answers name anyone who can be matched (not "unknown", not "the caller").</summary>
    public static bool Identify(IEnumerable<CaseActivity> answers, WorkflowDefinition definition) =>
        For("", InAnswers(answers, definition), []).Count > 0;

    private static IEnumerable<PersonSource> InAnswers(IEnumerable<CaseActivity> answers, WorkflowDefinition definition)
    {
        foreach (var a in answers.OrderBy(a => a.At))
        {
            // Only answers of steps that hold persons are parsed: this runs for every completion.
            if (definition.FindStep(a.StepKey) is not { } step || !HasPersonFields(step)) continue;
            var values = FieldCodec.FromJson(a.FieldsJson);
            foreach (var field in step.Fields.Where(HoldsPersons))
            {
                var where = Fit(char.ToLowerInvariant(field.Label[0]) + field.Label[1..]);
                if (values.GetValueOrDefault(field.Key) is PersonValue v) yield return new(v.Name, where, v.Phone, v.Email, v.Username);
                if (values.GetValueOrDefault(field.Key) is ListValue list)
                    foreach (var entry in list.Items) yield return Entry(entry, where);
            }
        }
    }

    /// <summary>The steps whose answers hold persons: only their completions can change a case's identifiers.</summary>
    public static bool HasPersonFields(StepDefinition step) => step.Fields.Any(HoldsPersons);

    private static bool HoldsPersons(FieldDefinition field) => field.Type == FieldType.Person || field.Persons;

    /// <summary>
    /// One entry of a list of persons, as officers write them: a name, with a phone number or email
    /// when known ("Daniel Kerr, 07700 900461"). An entry with no name matches by what it has.
    /// </summary>
    public static PersonSource Entry(string entry, string where)
    {
        var email = EmailInText.Match(entry);
        var rest = email.Success ? entry.Remove(email.Index, email.Length) : entry;
        var phone = PhoneInText.Match(rest);
        if (phone.Success) rest = rest.Remove(phone.Index, phone.Length);
        var name = rest.Trim(' ', ',', ';', ':', '-', '(', ')', '/', '\t');
        return new(name.Length == 0 ? FamilyInformationPersons.UnknownName : name, where,
            phone.Success ? phone.Value : null, email.Success ? email.Value : null, null, NameIdentifies: name.Length > 0);
    }

    private static readonly System.Text.RegularExpressions.Regex EmailInText = new(@"[^\s,;()<>]+@[^\s,;()<>]+");
    private static readonly System.Text.RegularExpressions.Regex PhoneInText = new(@"\+?\d[\d \-()]{7,}\d");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const int RoleLength = 40;

    private static string Fit(string text, string? shorter = null) =>
        text.Length <= RoleLength ? text : shorter is { Length: <= RoleLength } ? shorter : text[..(RoleLength - 3)] + "...";

    // "a friend", "an aunt"; "the deceased's sister" and "his brother" as given.
    private static string Article(string relationship)
    {
        var r = relationship.Trim();
        if (r.StartsWith("the ", StringComparison.OrdinalIgnoreCase) || r.StartsWith("his ", StringComparison.OrdinalIgnoreCase)
            || r.StartsWith("her ", StringComparison.OrdinalIgnoreCase) || r.StartsWith("their ", StringComparison.OrdinalIgnoreCase)) return r;
        return ("aeiou".Contains(char.ToLowerInvariant(r.FirstOrDefault('x'))) ? "an " : "a ") + r;
    }

    private static (string, string?, string?, string?) SameAs(PersonSource p) =>
        (Folding.FoldName(p.Name), Phone(p.Phone) ?? p.Phone?.Trim(), Email(p.Email), Username(p.Username));
}

/// <summary>A person as a case holds him: where (a role, or a description such as "named by a friend in FI-1") and what is known.</summary>
public sealed record PersonSource(string Name, string Where, string? Phone, string? Email, string? Username, bool NameIdentifies = true);

/// <summary>A text of a case (the circumstances, an item's summary) whose names are indexed, and where it is.</summary>
public sealed record TextSource(string Text, string Where);
