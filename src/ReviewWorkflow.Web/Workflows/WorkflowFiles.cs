namespace ReviewWorkflow.Web.Workflows;

/// <summary>Reads workflow definition files from disk; the engine does the parsing.</summary>
public static class WorkflowFiles
{
    public static IReadOnlyList<(string RelativePath, string Text)> Read(string folder) =>
        Directory.EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => (Path.GetRelativePath(folder, path).Replace('\\', '/'), File.ReadAllText(path)))
            .ToList();

    /// <summary>The folder named in configuration, else the nearest <c>workflows/</c> above the app (a checkout or the container's /app).</summary>
    public static string Locate(IConfiguration configuration, string contentRoot) =>
        configuration["Workflows:Path"] ?? RepositoryFolders.Find("workflows", contentRoot)
        ?? throw new InvalidOperationException("No workflows/ folder found; set Workflows:Path to the folder of workflow definitions.");

    /// <summary><c>Workflows:StartOn:KEY = VERSION</c>: the workflows whose new cases do not start on the latest version.</summary>
    public static IReadOnlyDictionary<string, int> StartOn(IConfiguration configuration) =>
        configuration.GetSection("Workflows:StartOn").GetChildren().ToDictionary(s => s.Key,
            s => int.TryParse(s.Value, out var v) && v > 0 ? v : throw new InvalidOperationException($"Workflows:StartOn:{s.Key} must be a version number, not '{s.Value}'."));

    public static IReadOnlyList<DefinitionError> Validate(string folder) =>
        WorkflowCatalog.Load(Read(folder)).Errors;
}
