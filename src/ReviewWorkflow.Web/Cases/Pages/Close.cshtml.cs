using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewWorkflow.Engine.Evaluation;
using ReviewWorkflow.Web.Accounts;
using ReviewWorkflow.Web.Ui;

namespace ReviewWorkflow.Web.Cases.Pages;

/// <summary>Closure through the engine's <c>Close</c> command; a refusal lists what is unmet, in the checklist's words.</summary>
[Authorize(Policy = Policies.Casework)]
public sealed class CloseModel(CaseProcedure cases, Close close) : PageModel
{
    public CaseContext Context { get; private set; } = null!;
    public CaseEvaluation Evaluation { get; private set; } = null!;

    [BindProperty] public string? Rationale { get; set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public IReadOnlyList<string> Refusal { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        switch (await close.RunAsync(Context, Rationale, HttpContext.CurrentUser(), ct))
        {
            case CaseDone:
                TempData["Done"] = "The case is closed.";
                return Redirect($"/cases/{id}");
            case CaseRefused { Refusal: var refusal }:
                (Errors, Refusal) = FormRefusal.Read(refusal);
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
        Evaluation = context.Evaluate();
        return null;
    }
}
