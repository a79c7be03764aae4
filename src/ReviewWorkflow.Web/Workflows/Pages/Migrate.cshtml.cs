namespace ReviewWorkflow.Web.Workflows.Pages;

/// <summary>Moving open cases to another workflow version: choose source and target, see the dry run, apply (<see cref="CaseMigration"/>).</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class MigrateModel(WorkflowRegistry workflows, CaseMigration migration) : PageModel
{
    public IReadOnlyList<WorkflowDefinition> Versions => [.. workflows.Catalog.All.OrderBy(d => d.Key, StringComparer.Ordinal).ThenBy(d => d.Version)];

    [BindProperty] public string? From { get; set; }
    [BindProperty] public string? To { get; set; }
    /// <summary>Case references or ids, separated by spaces, commas or lines; none: every open case on the source version.</summary>
    [BindProperty] public string? Cases { get; set; }
    [BindProperty] public string? Redo { get; set; }

    public MigrationReport? Report { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public void OnGet() { }

    public Task OnPostDryRunAsync(CancellationToken ct) => RunAsync(apply: false, ct);

    public Task OnPostApplyAsync(CancellationToken ct) => RunAsync(apply: true, ct);

    private async Task RunAsync(bool apply, CancellationToken ct)
    {
        var request = new MigrationRequest(Version(From), Version(To), Words(Cases), Words(Redo), apply);
        (Report, Errors) = await migration.RunAsync(request, HttpContext.CurrentUser(), ct);
    }

    /// <summary>A version as the form's choices give it: <c>KEY/VERSION</c>.</summary>
    public static string Value(WorkflowDefinition d) => $"{d.Key}/{d.Version}";

    private static WorkflowVersionRef? Version(string? value) =>
        value?.Split('/') is [var key, var v] && int.TryParse(v, out var n) ? new(key, n) : null;

    private static List<string> Words(string? text) =>
        [.. (text ?? "").Split([' ', ',', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)];
}
