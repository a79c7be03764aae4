using Microsoft.AspNetCore.Http.HttpResults;

namespace ReviewWorkflow.Web.Cases.Pages;

/// <summary>The cases the user may see, through the same query (scoping, filters, paging) as <c>GET /api/cases</c>.</summary>
public sealed class IndexModel(ReviewDb db, TimeProvider clock, Workflows.WorkflowRegistry workflows) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; } = "open";
    [BindProperty(SupportsGet = true)] public bool Mine { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public CaseListDto List { get; private set; } = new([], 0, 1, PageSize);
    public Dictionary<Guid, string> Names { get; private set; } = [];
    public Dictionary<string, string> Officers { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    /// <summary>A classification by its title (the newest definition's wording for the key).</summary>
    public string Category(string key) => workflows.Catalog.All
        .Select(d => d.StepDeciding(Engine.Definitions.DecisionPurpose.Classification)?.Categories.FirstOrDefault(c => c.Key == key)?.Title)
        .LastOrDefault(t => t is not null) ?? Display.Words(key);
    public bool CanCreate { get; private set; }
    public const int PageSize = 50;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = HttpContext.CurrentUser();
        CanCreate = User.IsInRole(Engine.Roles.Officer) || User.IsInRole(Engine.Roles.Supervisor);
        Now = clock.GetUtcNow();
        if (Status is not ("open" or "closed")) Status = null;
        var result = await CaseList.QueryAsync(db, user, clock, ct, Status, Mine ? true : null, Overdue ? true : null, null, Math.Max(PageNumber, 1), PageSize);
        if (result.Result is not Ok<CaseListDto> ok) return BadRequest();
        List = ok.Value!;
        var ids = List.Items.Select(i => i.Id).ToList();
        Names = await db.Cases.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.DeceasedName, ct);
        var officerIds = List.Items.Select(i => i.OfficerId).Distinct().ToList();
        Officers = await db.Users.Where(u => officerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return Page();
    }
}
