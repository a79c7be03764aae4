namespace ReviewWorkflow.Web.Workflows;

/// <summary>A workflow version once seen by the application: its content may never change again.</summary>
public sealed class PublishedWorkflow
{
    public required string Key { get; init; }
    public required int Version { get; init; }
    public required string ContentHash { get; init; }
    public required DateTimeOffset PublishedAt { get; init; }
}
