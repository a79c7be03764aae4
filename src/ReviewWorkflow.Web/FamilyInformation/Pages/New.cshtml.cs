namespace ReviewWorkflow.Web.FamilyInformation.Pages;

/// <summary>Logs a piece of information from a family member or friend, as <c>POST …/family-information</c> does.</summary>
[Authorize(Policy = Policies.Casework)]
public sealed class NewModel(CaseProcedure cases, FamilyInformationCommands register, ReviewDb db, TimeProvider clock) : CaseChangePage(cases)
{
    public IReadOnlyList<Caseworker> Team { get; private set; } = [];

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Relationship { get; set; }
    [BindProperty] public string? Contact { get; set; }
    [BindProperty] public string? ReceivedAt { get; set; }
    [BindProperty] public string? How { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public string? Assignee { get; set; }
    [BindProperty] public List<NamedPersonRow> Persons { get; set; } = [];

    /// <summary>Rows the form offers for persons the information names; the API takes more in one request.</summary>
    public const int PersonRows = 3;


    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        ReceivedAt = Display.InputTime(clock.GetUtcNow());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        if (!TryTime("receivedAt", ReceivedAt, out var receivedAt)) return Page();
        // Trailing empty rows are the form's spare rows; an empty row between filled ones is kept, so the
        // command's "persons[1]: give at least one of …" lands beside the row it is about.
        var filled = Persons.Take(PersonRows).ToList();
        while (filled.Count > 0 && filled[^1].IsEmpty) filled.RemoveAt(filled.Count - 1);
        List<NamedPersonInput>? persons = filled.Count == 0 ? null : [.. filled.Select(r => new NamedPersonInput(r.Name, null, r.Phone, r.Email, r.Username))];
        var request = new LogFamilyInformationRequest(new ProvidedByInput(Name, Relationship, Contact), receivedAt,
            string.IsNullOrEmpty(How) ? null : How, Summary, string.IsNullOrEmpty(Assignee) ? null : Assignee, persons);

        var (outcome, item) = await register.LogAsync(Context, request, HttpContext.CurrentUser(), ct);
        return Answer(outcome, () => ($"{item!.Reference} logged, {Display.Deadline(item.DueAt, clock.GetUtcNow())}.",
            $"/cases/{id}/family-information#item-{item.Reference}"));
    }

    public NamedPersonRow PersonRow(int index) => index < Persons.Count ? Persons[index] : new();

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadCaseAsync(id, ct)) return NotFound();
        Team = await FamilyPage.TeamAsync(db, Context.Case, ct);
        return null;
    }
}

/// <summary>One row of the "persons it names" part of the form.</summary>
public sealed class NamedPersonRow
{
    public string? Name { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Username { get; set; }

    public bool IsEmpty => new[] { Name, Phone, Email, Username }.All(string.IsNullOrWhiteSpace);
}
