namespace ReviewWorkflow.Web.Cases.Pages;

/// <summary>Closure through <see cref="Close"/>; a refusal lists what is unmet, in the checklist's words.</summary>
[Authorize(Policy = Policies.Casework)]
public sealed class CloseModel(CaseProcedure cases, Close close) : CaseChangePage(cases)
{
    public CaseEvaluation Evaluation => field ??= Context.Evaluate();

    [BindProperty] public string? Rationale { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadCaseAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct) => !await LoadCaseAsync(id, ct) ? NotFound()
        : Answer(await close.RunAsync(Context, new CloseRequest(Rationale), HttpContext.CurrentUser(), ct), () => ("The case is closed.", $"/cases/{id}"));
}
