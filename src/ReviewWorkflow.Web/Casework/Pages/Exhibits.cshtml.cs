namespace ReviewWorkflow.Web.Casework.Pages;

/// <summary>The exhibits register: every exhibit with its chain of custody, a form for a new one and one to record a movement.</summary>
[Authorize(Policy = Policies.Casework)]
public sealed class ExhibitsModel(CaseProcedure cases, ExhibitRegister register, ReviewDb db) : CaseChangePage(cases)
{
    public IReadOnlyList<ExhibitDto> Exhibits { get; private set; } = [];

    [BindProperty] public string? Reference { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? SeizedBy { get; set; }
    [BindProperty] public string? SeizedAt { get; set; }
    [BindProperty] public string? SeizedWhere { get; set; }
    [BindProperty] public string? StorageLocation { get; set; }
    [BindProperty] public string? MovedAt { get; set; }
    [BindProperty] public string? To { get; set; }
    [BindProperty] public string? HandledBy { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostExhibitAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        Sent = "exhibit";
        if (!TryTime("seizedAt", SeizedAt, out var seizedAt)) return Page();
        var (outcome, exhibit) = await register.AddAsync(Context,
            new ExhibitRequest(Reference, Description, SeizedBy, seizedAt, SeizedWhere, StorageLocation), HttpContext.CurrentUser(), ct);
        return await AfterAsync(outcome, () => ($"Exhibit {exhibit!.Reference} recorded.", $"/cases/{id}/exhibits#exhibit-{exhibit.Id}"), ct);
    }

    public async Task<IActionResult> OnPostMovementAsync(Guid id, long exhibitId, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        Sent = exhibitId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!TryTime("at", MovedAt, out var at)) return Page();
        var (outcome, exhibit) = await register.MoveAsync(Context, exhibitId, new MovementRequest(at, To, HandledBy, Reason), HttpContext.CurrentUser(), ct);
        return await AfterAsync(outcome, () => ($"Movement of {exhibit!.Reference} recorded.", $"/cases/{id}/exhibits#exhibit-{exhibit.Id}"), ct);
    }

    // The forms: "exhibit", or the exhibit's id for a movement.
    private Task<IActionResult> AfterAsync(CaseOutcome outcome, Func<(string, string)> done, CancellationToken ct) =>
        AnswerAsync(outcome, done, db, async () => Exhibits = await ExhibitRegister.ListAsync(db, Context.Case.Id, ct));

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadCaseAsync(id, ct)) return NotFound();
        Exhibits = await ExhibitRegister.ListAsync(db, id, ct);
        return null;
    }
}
