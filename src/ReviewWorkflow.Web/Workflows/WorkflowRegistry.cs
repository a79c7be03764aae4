using ReviewWorkflow.Web.Escalation;

namespace ReviewWorkflow.Web.Workflows;

/// <summary>The workflow definitions this instance serves, loaded and checked once at start-up.</summary>
public sealed class WorkflowRegistry
{
    private WorkflowCatalog? _catalog;
    private Dictionary<(string Key, int Version), WorkflowDefinition> _served = [];
    private Dictionary<string, int> _startOn = [];

    public WorkflowCatalog Catalog => _catalog ?? throw new InvalidOperationException("Workflows are loaded at start-up, before requests are served.");

    public WorkflowDefinition? Latest(string key) => Catalog.Latest(key) is { } d ? _served[(d.Key, d.Version)] : null;

    /// <summary>
    /// The version a new case on <paramref name="key"/> starts on: the latest, unless the deployment holds the
    /// workflow at an earlier one (<c>Workflows:StartOn:KEY</c>, say until officers are trained on the new version).
    /// </summary>
    public WorkflowDefinition? Starting(string key) =>
        _startOn.TryGetValue(key, out var version) ? _served[(key, version)] : Latest(key);

    /// <summary>The workflows a new case can start on, each at its starting version: the full procedure first, then by title.</summary>
    public IReadOnlyList<WorkflowDefinition> Choices =>
        [.. Catalog.All.Select(d => d.Key).Distinct().Select(k => Starting(k)!)
            .OrderBy(d => d.Key != Cases.CaseCreation.DefaultWorkflow).ThenBy(d => d.Title, StringComparer.Ordinal)];

    public WorkflowDefinition Get(string key, int version) =>
        _served.GetValueOrDefault((key, version)) ?? throw new InvalidOperationException($"Workflow {key} v{version} is used by a case but no longer on disk.");

    /// <summary>
    /// Loads every file, refuses to start on any error (a published version whose file changed
    /// included), and records new versions as published so they are frozen from now on.
    /// </summary>
    /// <param name="deadlineSpeedup">Demo:DeadlineSpeedup: served definitions have their deadlines divided by it.</param>
    /// <param name="startOn">Workflows:StartOn: the version new cases start on, for the workflows not started on their latest.</param>
    public async Task LoadAsync(string folder, ReviewDb db, TimeProvider clock, CancellationToken ct = default, double deadlineSpeedup = 1,
        IReadOnlyDictionary<string, int>? startOn = null)
    {
        var published = await db.PublishedWorkflows.AsNoTracking().ToDictionaryAsync(w => (w.Key, w.Version), w => w.ContentHash, ct);
        var (catalog, errors) = WorkflowCatalog.Load(WorkflowFiles.Read(folder), published);
        if (catalog is null || errors.Count > 0)
            throw new WorkflowLoadException(folder, errors);
        foreach (var definition in catalog.All.Where(d => !published.ContainsKey((d.Key, d.Version))))
            db.PublishedWorkflows.Add(new PublishedWorkflow { Key = definition.Key, Version = definition.Version, ContentHash = definition.ContentHash, PublishedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        _served = catalog.All.ToDictionary(d => (d.Key, d.Version), d => DemoDeadlines.Apply(d, deadlineSpeedup));
        foreach (var (key, version) in startOn ?? new Dictionary<string, int>())
        {
            if (!_served.ContainsKey((key, version)))
                throw new InvalidOperationException($"Workflows:StartOn:{key} is {version}, but {folder} has no version {version} of '{key}'.");
        }
        _startOn = new(startOn ?? new Dictionary<string, int>());
        _catalog = catalog;
    }
}

public sealed class WorkflowLoadException(string folder, IReadOnlyList<DefinitionError> errors)
    : Exception($"The workflow definitions in {folder} cannot be used:{Environment.NewLine}" + string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<DefinitionError> Errors { get; } = errors;
}
