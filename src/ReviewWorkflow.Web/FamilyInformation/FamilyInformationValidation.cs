namespace ReviewWorkflow.Web.FamilyInformation;

/// <summary>Checks register requests; each problem is keyed by the JSON path of the field.</summary>
public static class FamilyInformationValidation
{
    /// <summary>Clocks of phones and laptops drift; a few minutes ahead is a typo-free "now", more is a mistake.</summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(5);

    private static readonly DateTimeOffset Earliest = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyDictionary<string, HowReceived> Ways = new Dictionary<string, HowReceived>
    {
        ["phone"] = HowReceived.Phone,
        ["email"] = HowReceived.Email,
        ["in-person"] = HowReceived.InPerson,
        ["letter"] = HowReceived.Letter,
    };

    public static string Wire(this HowReceived how) => Ways.First(w => w.Value == how).Key;

    public static Dictionary<string, string[]> Validate(LogFamilyInformationRequest r, DateTimeOffset now)
    {
        var errors = new CaseValidation.Errors();
        if (r.ProvidedBy is null) errors.Add("providedBy", "required: who gave the information (name, relationship, contact)");
        else
        {
            errors.Text("providedBy.name", r.ProvidedBy.Name, CaseLimits.Name, required: true);
            errors.Text("providedBy.relationship", r.ProvidedBy.Relationship, FamilyLimits.Relationship, required: true);
            errors.Text("providedBy.contact", r.ProvidedBy.Contact, CaseLimits.Identifier, required: false);
        }
        Time(errors, "receivedAt", r.ReceivedAt, now, required: true);
        if (r.How is not null && !Ways.ContainsKey(r.How)) errors.Add("how", $"must be one of: {string.Join(", ", Ways.Keys)}");
        errors.Text("summary", r.Summary, CaseLimits.Rationale, required: true);
        errors.Text("assignee", r.Assignee, CaseLimits.Identifier, required: false);
        if (r.Persons is { } persons)
        {
            if (persons.Count > CaseLimits.Persons) errors.Add("persons", $"at most {CaseLimits.Persons} persons per item");
            for (var i = 0; i < persons.Count && i < CaseLimits.Persons; i++) Person(errors, $"persons[{i}]", persons[i]);
        }
        return errors.ToDictionary();
    }

    public static Dictionary<string, string[]> Validate(FamilyActionRequest r)
    {
        var errors = new CaseValidation.Errors();
        errors.Text("action", r.Action, CaseLimits.Rationale, required: true);
        errors.Text("outcome", r.Outcome, CaseLimits.Rationale, required: true);
        return errors.ToDictionary();
    }

    public static Dictionary<string, string[]> Validate(FamilyResponseRequest r, DateTimeOffset now)
    {
        var errors = new CaseValidation.Errors();
        errors.Text("response", r.Response, CaseLimits.Rationale, required: true);
        Time(errors, "respondedAt", r.RespondedAt, now, required: false);
        return errors.ToDictionary();
    }

    private static void Time(CaseValidation.Errors errors, string field, DateTimeOffset? at, DateTimeOffset now, bool required)
    {
        if (at is null) { if (required) errors.Add(field, "required"); return; }
        if (at > now + ClockTolerance) errors.Add(field, "cannot be in the future");
        else if (at < Earliest) errors.Add(field, "must be after 1900");
    }

    private static void Person(CaseValidation.Errors errors, string path, NamedPersonInput? p)
    {
        if (p is null) { errors.Add(path, "must be an object"); return; }
        if (new[] { p.Name, p.Phone, p.Email, p.Username }.All(string.IsNullOrWhiteSpace))
            errors.Add(path, "give at least one of name, phone, email, username");
        errors.Text($"{path}.name", p.Name, CaseLimits.Name, required: false);
        if (p.Role is not null && !CaseValidation.PersonRoles.Contains(p.Role))
            errors.Add($"{path}.role", $"must be one of: {string.Join(", ", CaseValidation.PersonRoles)}");
        errors.Text($"{path}.phone", p.Phone, CaseLimits.Identifier, required: false);
        errors.Text($"{path}.email", p.Email, CaseLimits.Identifier, required: false);
        errors.Text($"{path}.username", p.Username, CaseLimits.Identifier, required: false);
    }
}
