namespace ReviewWorkflow.Web.Casework.Pages;

/// <summary>The series view: the deaths linked to this one directly or through others, as a timeline, a map sketch, and each link's reasons and disposition.</summary>
[Authorize(Policy = Policies.Casework)]
public sealed class SeriesModel(CaseProcedure cases, ReviewDb db) : PageModel
{
    public SeriesDto Series { get; private set; } = null!;
    public string Reference { get; private set; } = "";
    public string DeceasedName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var user = HttpContext.CurrentUser();
        if (await cases.ReadAsync(id, user, ct) is not { } read) return NotFound();
        (Reference, DeceasedName) = (read.Context.Case.Reference, read.Context.Case.DeceasedName);
        Series = await CaseSeries.ReadAsync(db, id, user, ct);
        return Page();
    }
}
