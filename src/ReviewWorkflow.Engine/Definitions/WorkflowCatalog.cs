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
    /// <remarks>
    /// Errors are named by the relative path. Any error means no catalog: the application must
    /// not start half-configured. A published version whose file is missing is an error too,
    /// because cases running on it still need it.
    /// </remarks>
    public static (WorkflowCatalog? Catalog, IReadOnlyList<DefinitionError> Errors) Load(
        IEnumerable<(string RelativePath, string Text)> files,
        IReadOnlyDictionary<(string Key, int Version), string>? publishedHashes = null)
    {
        var read = files.Select(f => (Path: f.RelativePath.Replace('\\', '/'), f.Text)).ToList();
        var identities = read.Select(f => FileIdentity.FromPath(f.Path)).ToList();
        var published = publishedHashes ?? new Dictionary<(string Key, int Version), string>();
        var errors = new List<DefinitionError>();
        var definitions = new Dictionary<(string Key, int Version), (WorkflowDefinition Definition, string Path)>();

        foreach (var ((path, text), identity) in read.Zip(identities))
        {
            if (identity is null)
            {
                errors.Add(new(path, 1, "(file)", "expected a path like <workflow-key>/v<N>.yaml, relative to the workflows folder"));
            }
            else if (published.TryGetValue((identity.Key, identity.Version), out var hash) && !string.Equals(hash, ContentHash.Of(text), StringComparison.OrdinalIgnoreCase))
            {
                var next = identities.Where(i => i?.Key == identity.Key).Max(i => i!.Version) + 1;
                errors.Add(new(path, 1, "(file)",
                    $"version {identity.Version} of '{identity.Key}' is published and its content has changed; a published version "
                    + $"must never change, because running cases follow it: restore this file and publish the change as a new version file, {identity.Key}/v{next}.yaml"));
            }

            var result = DefinitionParser.Parse(path, text, identity);
            errors.AddRange(result.Errors);
            if (result.Definition is { } definition && !definitions.TryAdd((definition.Key, definition.Version), (definition, path)))
            {
                errors.Add(new(path, 1, "(file)", $"version {definition.Version} of '{definition.Key}' is also defined by {definitions[(definition.Key, definition.Version)].Path}"));
            }
        }

        foreach (var (key, version) in published.Keys.Where(k => !identities.Contains(new FileIdentity(k.Key, k.Version))).Order())
        {
            errors.Add(new($"{key}/v{version}.yaml", 1, "(file)",
                $"version {version} of '{key}' is published but its file is missing; cases started on it still follow it: restore the file"));
        }

        return errors.Count > 0 ? (null, errors) : (From(definitions.Values.Select(d => d.Definition)), errors);
    }

    internal static WorkflowCatalog From(IEnumerable<WorkflowDefinition> definitions) =>
        new(definitions.GroupBy(d => d.Key).ToDictionary(g => g.Key, g => new SortedList<int, WorkflowDefinition>(g.ToDictionary(d => d.Version))));
}
