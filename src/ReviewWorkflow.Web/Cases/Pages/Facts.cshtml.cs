namespace ReviewWorkflow.Web.Cases.Pages;

/// <summary>
/// The case's facts corrected or added on a page, by <see cref="PatchFacts"/> as <c>PATCH /api/cases/{id}</c>
/// does: the name once identified, the place, new substances, markers and a person; the linkage check runs again.
/// </summary>
[Authorize(Policy = Policies.Casework)]
public sealed class FactsModel(CaseProcedure cases, PatchFacts patch) : CaseChangePage(cases)
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? LocationDescription { get; set; }
    [BindProperty] public string? Latitude { get; set; }
    [BindProperty] public string? Longitude { get; set; }
    [BindProperty] public string? Substances { get; set; }
    [BindProperty] public string? Markers { get; set; }
    [BindProperty] public PersonRow Person { get; set; } = new();

    public bool Unidentified => PatchFacts.IsUnidentified(Context.Case);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadCaseAsync(id, ct)) return NotFound();
        var c = Context.Case;
        LocationDescription = c.LocationDescription;
        Latitude = c.Latitude.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        Longitude = c.Longitude.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadCaseAsync(id, ct)) return NotFound();
        var c = Context.Case;
        var errors = new Dictionary<string, string[]>();
        var latitude = FormInput.Coordinate(Latitude, "location.latitude", errors);
        var longitude = FormInput.Coordinate(Longitude, "location.longitude", errors);
        if (errors.Count > 0)
        {
            Errors = errors;
            return Page();
        }
        // The place is sent only when it differs from what is recorded: the form always shows it.
        var placeChanged = (LocationDescription?.Trim() ?? "") != c.LocationDescription || latitude != c.Latitude || longitude != c.Longitude;
        var request = new PatchCaseRequest(
            FormInput.Items(Substances) is { Count: > 0 } substances ? substances : null,
            FormInput.Items(Markers) is { Count: > 0 } markers ? [.. markers.Select(m => m.ToLowerInvariant())] : null,
            Person.IsBlank ? null : [Person.ToInput()],
            string.IsNullOrWhiteSpace(Name) ? null : new DeceasedInput(Name, null, null),
            placeChanged ? new LocationInput(LocationDescription, latitude, longitude) : null);
        var outcome = await patch.RunAsync(Context, request, HttpContext.CurrentUser(), ct);
        return Answer(outcome, () => ("Facts recorded; the linkage check was run again.", $"/cases/{id}"));
    }
}
