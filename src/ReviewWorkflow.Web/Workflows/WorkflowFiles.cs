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

    public static IReadOnlyList<DefinitionError> Validate(string folder) =>
        WorkflowCatalog.Load(Read(folder)).Errors;
}
