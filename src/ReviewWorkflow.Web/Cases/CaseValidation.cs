namespace ReviewWorkflow.Web.Cases;

/// <summary>Checks case facts from the API; each problem is keyed by the JSON path of the field.</summary>
public static class CaseValidation
{
    public static readonly string[] Sexes = ["male", "female", "other", "unknown"];
    public static readonly string[] PersonRoles = ["finder", "reporting-person", "witness", "associate", "friend", "family", "person-of-interest"];

    public static Dictionary<string, string[]> Validate(CreateCaseRequest r, DateTimeOffset now)
    {
        var errors = new Errors();
        if (r.Deceased is null) errors.Add("deceased", "required");
        else
        {
            errors.Text("deceased.name", r.Deceased.Name, CaseLimits.Name, required: true);
            if (r.Deceased.AgeYears is < 0 or > 130) errors.Add("deceased.ageYears", "must be between 0 and 130");
            if (r.Deceased.Sex is null) errors.Add("deceased.sex", "required");
            else if (!Sexes.Contains(r.Deceased.Sex)) errors.Add("deceased.sex", $"must be one of: {string.Join(", ", Sexes)}");
        }
        if (r.FoundAt is null) errors.Add("foundAt", "required");
        else if (r.FoundAt > now.AddMinutes(5)) errors.Add("foundAt", "cannot be in the future");
        else if (r.FoundAt < new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero)) errors.Add("foundAt", "must be after 1900");
        if (r.Location is null) errors.Add("location", "required");
        else ValidateLocation(errors, r.Location);
        errors.Text("circumstances", r.Circumstances, CaseLimits.Circumstances, required: false);
        ValidateFacts(errors, r.Substances, r.Markers, r.Persons);
        return errors.ToDictionary();
    }

    public static Dictionary<string, string[]> Validate(PatchCaseRequest r)
    {
        var errors = new Errors();
        if (r.Substances is null && r.Markers is null && r.Persons is null && r.Deceased is null && r.Location is null)
            errors.Add("", "nothing to add: give substances, markers or persons, the deceased's name or the place");
        ValidateFacts(errors, r.Substances, r.Markers, r.Persons);
        if (r.Deceased is { } d)
        {
            errors.Text("deceased.name", d.Name, CaseLimits.Name, required: true);
            if (string.Equals(d.Name?.Trim(), Unknown, StringComparison.OrdinalIgnoreCase)) errors.Add("deceased.name", "give the name the deceased was identified by");
            if (d.AgeYears is not null) errors.Add("deceased.ageYears", "only the name is given later, once the deceased is identified");
            if (d.Sex is not null) errors.Add("deceased.sex", "only the name is given later, once the deceased is identified");
        }
        if (r.Location is { } l) ValidateLocation(errors, l);
        return errors.ToDictionary();
    }

    /// <summary>The name a death is recorded under until it is identified.</summary>
    public const string Unknown = "unknown";

    private static void ValidateLocation(Errors errors, LocationInput location)
    {
        errors.Text("location.description", location.Description, CaseLimits.Description, required: false);
        if (location.Latitude is null) errors.Add("location.latitude", "required");
        else if (location.Latitude is < -90 or > 90 || double.IsNaN(location.Latitude.Value)) errors.Add("location.latitude", "must be between -90 and 90");
        if (location.Longitude is null) errors.Add("location.longitude", "required");
        else if (location.Longitude is < -180 or > 180 || double.IsNaN(location.Longitude.Value)) errors.Add("location.longitude", "must be between -180 and 180");
    }

    private static void ValidateFacts(Errors errors, List<string>? substances, List<string>? markers, List<PersonInput>? persons)
    {
        Tags(errors, "substances", substances);
        Tags(errors, "markers", markers);
        if (markers is not null)
            for (var i = 0; i < markers.Count; i++)
                if (markers[i] is { } m && m != m.ToLowerInvariant()) errors.Add($"markers[{i}]", "markers are lower-case tags");
        if (persons is null) return;
        if (persons.Count > CaseLimits.Persons) errors.Add("persons", $"at most {CaseLimits.Persons} persons per request");
        for (var i = 0; i < persons.Count && i < CaseLimits.Persons; i++)
        {
            var p = persons[i];
            if (p is null) { errors.Add($"persons[{i}]", "must be an object"); continue; }
            errors.Text($"persons[{i}].name", p.Name, CaseLimits.Name, required: true);
            if (p.Role is null) errors.Add($"persons[{i}].role", "required");
            else if (!PersonRoles.Contains(p.Role)) errors.Add($"persons[{i}].role", $"must be one of: {string.Join(", ", PersonRoles)}");
            errors.Text($"persons[{i}].phone", p.Phone, CaseLimits.Identifier, required: false);
            errors.Text($"persons[{i}].email", p.Email, CaseLimits.Identifier, required: false);
            errors.Text($"persons[{i}].username", p.Username, CaseLimits.Identifier, required: false);
        }
    }

    private static void Tags(Errors errors, string field, List<string>? tags)
    {
        if (tags is null) return;
        if (tags.Count > CaseLimits.Tags) errors.Add(field, $"at most {CaseLimits.Tags} entries");
        for (var i = 0; i < tags.Count && i < CaseLimits.Tags; i++)
            errors.Text($"{field}[{i}]", tags[i], CaseLimits.Tag, required: true);
    }

    public sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _errors = [];

        public bool Any => _errors.Count > 0;

        public void Add(string field, string message)
        {
            if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
            list.Add(message);
        }

        public void Text(string field, string? value, int maxLength, bool required)
        {
            if (string.IsNullOrWhiteSpace(value)) { if (required) Add(field, "required"); return; }
            if (value.Length > maxLength) Add(field, $"at most {maxLength} characters");
            if (value.Any(ch => char.IsControl(ch) && ch is not '\n' and not '\r' and not '\t')) Add(field, "must not contain control characters");
        }

        public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }
}
