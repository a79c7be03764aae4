namespace ReviewWorkflow.Engine.Definitions;

/// <summary>One problem in a definition file, located precisely enough to fix without guessing.</summary>
public sealed record DefinitionError(string File, int Line, string Path, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Path}: {Message}";
}

public sealed record DefinitionLoadResult(WorkflowDefinition? Definition, IReadOnlyList<DefinitionError> Errors)
{
    public bool IsValid => Definition is not null && Errors.Count == 0;
}
