using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewWorkflow.Engine;
using ReviewWorkflow.Web.Cases;
using ReviewWorkflow.Web.Ui;

namespace ReviewWorkflow.Web.SignOff.Pages;

/// <summary>A supervisor asks for a homicide referral (F3), through the engine as <c>POST …/referral-request</c>.</summary>
[Authorize(Roles = $"{Roles.Supervisor},{Roles.Inspector}")]
public sealed class ReferralRequestModel(CaseProcedure cases, Refer refer) : PageModel
{
    public CaseContext Context { get; private set; } = null!;

    [BindProperty] public string? Rationale { get; set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        switch (await refer.RunAsync(Context, Rationale, HttpContext.CurrentUser(), ct))
        {
            case CaseDone:
                TempData["Done"] = "Homicide referral requested: the referral step now applies.";
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
        return null;
    }
}
