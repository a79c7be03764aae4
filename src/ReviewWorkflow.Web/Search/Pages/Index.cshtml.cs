using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewWorkflow.Web.Accounts;
using ReviewWorkflow.Web.Ui;

namespace ReviewWorkflow.Web.Search.Pages;

/// <summary>The search box's results: each case found, ranked, with what matched.</summary>
[Authorize(Policy = Policies.Casework)]
public sealed class IndexModel(ReviewDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public SearchDto? Found { get; private set; }
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Q is null) return; // the empty page: nothing asked yet
        Problem = CaseSearch.Invalid(Q);
        if (Problem is null) Found = await CaseSearch.RunAsync(db, HttpContext.CurrentUser(), Q, ct);
    }
}
