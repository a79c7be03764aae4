namespace ReviewWorkflow.Engine.Tests.Definitions;

/// <summary>Definition files copied next to the tests (see the .csproj).</summary>
internal static class Files
{
    public const string DefaultWorkflowPath = "unexplained-death/v1.yaml";

    public static string DefaultWorkflow() => Read("workflows", DefaultWorkflowPath);

    public static string Broken(string name) => Read("Fixtures", "broken", name);

    public static string Read(params string[] parts) =>
        File.ReadAllText(Path.Combine([AppContext.BaseDirectory, .. parts]));
}
