namespace ReviewWorkflow.Web.Cases.Pages;

/// <summary>Classification of the death through <see cref="Classify"/>, as <c>POST …/classification</c>.</summary>
[Authorize(Policy = Policies.Casework)]
public sealed class ClassifyModel(CaseProcedure cases, Classify classify) : CaseChangePage(cases)
{
    public StepDefinition? Step => Context.Definition.StepDeciding(DecisionPurpose.Classification);

    [BindProperty] public string? Category { get; set; }
    [BindProperty] public string? Rationale { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct) => !await LoadAsync(id, ct) ? NotFound()
        : Answer(await classify.RunAsync(Context, new ClassificationRequest(Category, Rationale), HttpContext.CurrentUser(), ct),
            () => ($"Classified as {Display.Words(Context.Case.Classification)}.", $"/cases/{id}"));

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadCaseAsync(id, ct)) return false;
        Category ??= Context.Case.Classification;
        return true;
    }
}
