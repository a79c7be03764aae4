namespace ReviewWorkflow.Web.Search.Pages;

/// <summary>The search box's results: each case found, ranked, with what matched.</summary>
[Authorize(Policy = Policies.Casework)]
public sealed class IndexModel(ReviewDb db) : PageModel
{
    public string? Q { get; private set; }
    public SearchDto? Found { get; private set; }
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // The empty page when nothing was asked; a blank question is answered (model binding would make it null).
        if (!Request.Query.TryGetValue("q", out var asked)) return;
        Q = asked.ToString();
        Problem = CaseSearch.Invalid(Q);
        if (Problem is null) Found = await CaseSearch.RunAsync(db, HttpContext.CurrentUser(), Q, ct);
    }
}
