using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewWorkflow.Engine.Definitions;
using ReviewWorkflow.Web.Accounts;
using ReviewWorkflow.Web.Ui;

namespace ReviewWorkflow.Web.Cases.Pages;

/// <summary>Classification of the death through the engine's <c>Classify</c> command, as <c>POST …/classification</c>.</summary>
[Authorize(Policy = Policies.Casework)]
public sealed class ClassifyModel(CaseProcedure cases, Classify classify) : PageModel
{
    public CaseContext Context { get; private set; } = null!;
    public StepDefinition? Step { get; private set; }

    [BindProperty] public string? Category { get; set; }
    [BindProperty] public string? Rationale { get; set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        switch (await classify.RunAsync(Context, new ClassificationRequest(Category, Rationale), HttpContext.CurrentUser(), ct))
        {
            case CaseDone done:
                TempData["Done"] = $"Classified as {Display.Words(done.Context.Case.Classification)}.";
                return Redirect($"/cases/{id}");
            case CaseRefused { Refusal: var refusal }:
                (Errors, Problems) = FormRefusal.Read(refusal);
                return Page();
            default:
                return NotFound();
        }
    }

    public string? Error(string key) => FormRefusal.Error(Errors, key);

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var context = await cases.LoadAsync(id, HttpContext.CurrentUser(), ct);
        if (context is null) return NotFound();
        Context = context;
        Step = context.Definition.StepDeciding(DecisionPurpose.Classification);
        Category ??= context.Case.Classification;
        return null;
    }
}
