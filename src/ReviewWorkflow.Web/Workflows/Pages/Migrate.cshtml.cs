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
    /// <summary>The keys of the steps ticked to be redone.</summary>
    [BindProperty] public List<string> Redo { get; set; } = [];

    /// <summary>The steps that may be ticked to redo: those the plan shown says need it, and those already ticked.</summary>
    public IReadOnlyList<string> RedoChoices =>
        [.. (Report?.Results ?? []).SelectMany(r => r.AnswersLost.Where(a => a.Blocks).Select(a => a.Step)).Concat(Redo).Distinct(StringComparer.Ordinal)];

    public MigrationReport? Report { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public void OnGet() { }

    public Task OnPostDryRunAsync(CancellationToken ct) => RunAsync(apply: false, ct);

    public Task OnPostApplyAsync(CancellationToken ct) => RunAsync(apply: true, ct);

    private async Task RunAsync(bool apply, CancellationToken ct)
    {
        Redo = [.. Redo.Where(key => !string.IsNullOrWhiteSpace(key)).Distinct(StringComparer.Ordinal)]; // an empty field binds as one blank
        var request = new MigrationRequest(Version(From), Version(To), Words(Cases), Redo, apply);
        (Report, Errors) = await migration.RunAsync(request, HttpContext.CurrentUser(), ct);
    }

    /// <summary>The source and target of the plan shown, to name its steps and fields by their titles.</summary>
    public WorkflowDefinition? Source => Definition(From);
    public WorkflowDefinition? Target => Definition(To);

    private WorkflowDefinition? Definition(string? value) =>
        Version(value) is { Key: { } key, Version: { } n } && workflows.Catalog.Find(key, n) is not null ? workflows.Get(key, n) : null;

    /// <summary>A step by its title (the target's, else the source's).</summary>
    public string StepTitle(string key) => (Target?.FindStep(key) ?? Source?.FindStep(key))?.Title ?? Display.Words(key);

    /// <summary>"Initial report of the discovery: Time found": a field of a step of the source version.</summary>
    public string FieldTitle(string step, string field) =>
        $"{StepTitle(step)}: {(Source?.FindStep(step) ?? Target?.FindStep(step))?.FindField(field)?.Label ?? Display.Words(field)}";

    /// <summary>A refusal of the migration in words, step keys as titles.</summary>
    public string Reason(string reason) => Target is { } t ? Ui.Words.Reason(t, reason) : reason;

    /// <summary>"Unexplained death, version 2".</summary>
    public static string Name(WorkflowDefinition d) => $"{d.Title}, version {d.Version}";

    public string Name(string? value, string fallback) => Definition(value) is { } d ? Name(d) : fallback;

    /// <summary>The element id of the form field an error is about.</summary>
    public static string FieldId(string key) => key switch { "from" => "From", "to" => "To", "cases" => "Cases", "redo" => "Redo", _ => "From" };

    /// <summary>A version as the form's choices give it: <c>KEY/VERSION</c>.</summary>
    public static string Value(WorkflowDefinition d) => $"{d.Key}/{d.Version}";

    private static WorkflowVersionRef? Version(string? value) =>
        value?.Split('/') is [var key, var v] && int.TryParse(v, out var n) ? new(key, n) : null;

    private static List<string> Words(string? text) =>
        [.. (text ?? "").Split([' ', ',', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)];
}
