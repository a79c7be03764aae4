namespace ReviewWorkflow.Web.Cases.Pages;

/// <summary>Opens a case through <see cref="CaseCreation"/>, the service behind <c>POST /api/cases</c>; its errors are shown beside the fields.</summary>
[Authorize(Policy = Policies.CreateCases)]
public sealed class NewModel(CaseCreation creation, TimeProvider clock, Workflows.WorkflowRegistry workflows) : PageModel
{
    /// <summary>The workflows a case can start on, the full procedure first.</summary>
    public IReadOnlyList<WorkflowDefinition> Workflows => workflows.Choices;

    public static readonly string[] KnownMarkers = ["found-outdoors", "phone-missing", "dating-app", "note-found", "posed"];

    [BindProperty] public CaseForm Form { get; set; } = new();

    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public void OnGet()
    {
        Form.FoundAt = Display.InputTime(clock.GetUtcNow());
        Form.Persons = [new(), new()];
    }

    /// <summary>Adds a blank person row without JavaScript: the form comes back as typed, one row longer.</summary>
    public void OnPostAddPerson()
    {
        ModelState.Clear();
        Form.Persons.Add(new PersonRow());
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = HttpContext.CurrentUser();
        var (request, rows, parseErrors) = Form.ToRequest();
        if (parseErrors.Count > 0)
        {
            // Still run the service's checks, so every problem shows at once; nothing is created.
            Errors = Merge(CaseValidation.Validate(request, clock.GetUtcNow()), parseErrors, rows);
            return Page();
        }
        var (context, errors) = await creation.CreateAsync(request, user, ct);
        if (context is null)
        {
            Errors = Merge(errors, [], rows);
            return Page();
        }
        TempData["Done"] = $"Case {context.Case.Reference} opened.";
        return Redirect($"/cases/{context.Case.Id}");
    }

    public string? Error(string key) => Errors.TryGetValue(key, out var messages) ? string.Join("; ", messages) : null;

    /// <summary>The messages for a field and its parts ("substances" shows "substances[2]").</summary>
    public string? ErrorsUnder(string key) => FormRefusal.Error(Errors, key);

    /// <summary>"persons[1].phone" → (1, "phone"); "persons[1]" → (1, ""); any other key → (-1, "").</summary>
    public static (int Row, string Part) PersonField(string key)
    {
        if (!key.StartsWith("persons[", StringComparison.Ordinal) || key.IndexOf(']') is var close && close < 0) return (-1, "");
        if (!int.TryParse(key[8..close], out var row)) return (-1, "");
        var rest = key[(close + 1)..];
        return (row, rest.StartsWith('.') ? rest[1..] : rest);
    }

    /// <summary>Parse errors win over "required" for the same field; person errors are renumbered to the form's rows.</summary>
    private static Dictionary<string, string[]> Merge(Dictionary<string, string[]> service, Dictionary<string, string[]> parse, List<int> rows)
    {
        var merged = new Dictionary<string, string[]>();
        foreach (var (key, value) in service) merged[ToRow(key, rows)] = value;
        foreach (var (key, value) in parse) merged[key] = value;
        return merged;
    }

    private static string ToRow(string key, List<int> rows)
    {
        if (!key.StartsWith("persons[", StringComparison.Ordinal)) return key;
        var close = key.IndexOf(']');
        return int.TryParse(key[8..close], out var i) && i < rows.Count ? $"persons[{rows[i]}]{key[(close + 1)..]}" : key;
    }
}

public sealed class CaseForm
{
    public string? Name { get; set; }
    public string? AgeYears { get; set; }
    public string? Sex { get; set; }
    public string? FoundAt { get; set; }
    public string? LocationDescription { get; set; }
    public string? Latitude { get; set; }
    public string? Longitude { get; set; }
    public string? Circumstances { get; set; }
    public string? Substances { get; set; }
    public List<string> Markers { get; set; } = [];
    public string? OtherMarkers { get; set; }
    public List<PersonRow> Persons { get; set; } = [];
    public string? Workflow { get; set; }

    /// <summary>The API request this form stands for, which form rows became which persons, and what did not parse.</summary>
    public (CreateCaseRequest Request, List<int> Rows, Dictionary<string, string[]> Errors) ToRequest()
    {
        var errors = new Dictionary<string, string[]>();
        int? age = null;
        if (!string.IsNullOrWhiteSpace(AgeYears))
        {
            if (int.TryParse(AgeYears.Trim(), out var a)) age = a;
            else errors["deceased.ageYears"] = ["must be a whole number of years"];
        }
        var foundAt = FormInput.Time(FoundAt, "foundAt", errors);
        var latitude = FormInput.Coordinate(Latitude, "location.latitude", errors);
        var longitude = FormInput.Coordinate(Longitude, "location.longitude", errors);

        var rows = new List<int>();
        var persons = new List<PersonInput>();
        for (var i = 0; i < Persons.Count; i++)
        {
            if (Persons[i].IsBlank) continue;
            rows.Add(i);
            persons.Add(Persons[i].ToInput());
        }
        // Markers are lower-case tags; people type them as they like.
        var markers = Markers.Concat(FormInput.Items(OtherMarkers).Select(m => m.ToLowerInvariant())).ToList();
        var request = new CreateCaseRequest(
            new DeceasedInput(Name, age, string.IsNullOrWhiteSpace(Sex) ? null : Sex),
            foundAt,
            new LocationInput(LocationDescription, latitude, longitude),
            Circumstances,
            FormInput.Items(Substances),
            markers,
            persons,
            string.IsNullOrWhiteSpace(Workflow) ? CaseCreation.DefaultWorkflow : Workflow.Trim());
        return (request, rows, errors);
    }
}

public sealed class PersonRow
{
    public string? Name { get; set; }
    public string? Role { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Username { get; set; }

    public bool IsBlank => new[] { Name, Phone, Email, Username }.All(string.IsNullOrWhiteSpace);

    public PersonInput ToInput() => new(Name, string.IsNullOrWhiteSpace(Role) ? null : Role, Phone, Email, Username);
}
