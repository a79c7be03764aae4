namespace ReviewWorkflow.Web.Workflows.Pages;

/// <summary>Every workflow and version the application serves, as the engine parsed it.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class IndexModel(WorkflowRegistry workflows, ReviewDb db) : PageModel
{
    public IReadOnlyList<IGrouping<string, WorkflowDefinition>> Workflows { get; private set; } = [];
    public Dictionary<(string, int), DateTimeOffset> Published { get; private set; } = [];
    public Dictionary<(string, int), int> CaseCounts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Workflows = workflows.Catalog.All.OrderByDescending(d => d.Version).GroupBy(d => d.Key).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        Published = await db.PublishedWorkflows.AsNoTracking().ToDictionaryAsync(w => (w.Key, w.Version), w => w.PublishedAt, ct);
        CaseCounts = (await db.Cases.AsNoTracking().GroupBy(c => new { c.WorkflowKey, c.WorkflowVersion })
                .Select(g => new { g.Key.WorkflowKey, g.Key.WorkflowVersion, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(x => (x.WorkflowKey, x.WorkflowVersion), x => x.Count);
    }
}
