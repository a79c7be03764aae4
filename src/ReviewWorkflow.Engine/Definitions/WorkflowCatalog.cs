namespace ReviewWorkflow.Engine.Definitions;

/// <summary>
/// All versions of all workflows. Built from files the caller read (path relative to the
/// workflows folder, e.g. <c>unexplained-death/v1.yaml</c>, and text), plus the content hashes
/// already published (key, version → hash) so a changed published file is refused.
/// </summary>
public sealed class WorkflowCatalog
{
    private readonly Dictionary<string, SortedList<int, WorkflowDefinition>> _byKey;

    private WorkflowCatalog(Dictionary<string, SortedList<int, WorkflowDefinition>> byKey) => _byKey = byKey;

    public IEnumerable<WorkflowDefinition> All => _byKey.Values.SelectMany(v => v.Values);

    public WorkflowDefinition? Latest(string key) =>
        _byKey.TryGetValue(key, out var versions) && versions.Count > 0 ? versions.Values[^1] : null;

    public WorkflowDefinition? Find(string key, int version) =>
        _byKey.TryGetValue(key, out var versions) && versions.TryGetValue(version, out var d) ? d : null;

    /// <summary>
    /// Parses every file; checks the file name agrees with key and version; refuses a published
    /// version whose hash changed. Returns every error of every file.
    /// </summary>
    public static (WorkflowCatalog? Catalog, IReadOnlyList<DefinitionError> Errors) Load(
        IEnumerable<(string RelativePath, string Text)> files,
        IReadOnlyDictionary<(string Key, int Version), string>? publishedHashes = null) => throw new NotImplementedException();

    internal static WorkflowCatalog From(IEnumerable<WorkflowDefinition> definitions) =>
        new(definitions.GroupBy(d => d.Key).ToDictionary(g => g.Key, g => new SortedList<int, WorkflowDefinition>(g.ToDictionary(d => d.Version))));
}
