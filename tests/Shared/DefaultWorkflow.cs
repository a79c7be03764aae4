using ReviewWorkflow.Engine.Definitions;

namespace ReviewWorkflow.Tests;

/// <summary>
/// The shipped workflow, parsed from workflows/unexplained-death/v1.yaml (copied next to the tests by
/// each test project) the way the app parses it. Tests that walk "every step" take the steps from
/// here, so a step added to the file is walked too. Compiled into the engine and web test projects.
/// </summary>
public static class DefaultWorkflow
{
    public const string File = "unexplained-death/v1.yaml";

    public static WorkflowDefinition Definition { get; } = Load();

    /// <summary>
    /// The steps an officer completes with answers — tasks, the linkage and family registers and the
    /// referral decision — in file order, which respects their dependencies.
    /// </summary>
    public static IReadOnlyList<string> WorkSteps { get; } =
        [.. Definition.Steps.Where(s => s.Role == Engine.Roles.Officer && (s.Kind != StepKind.Decision || s.Decides == DecisionPurpose.Referral)
                                        && s.Kind != StepKind.SignOff).Select(s => s.Key)];

    /// <summary>The work steps that apply to every case: those without a <c>when</c> condition.</summary>
    public static IReadOnlyList<string> UnconditionalWorkSteps { get; } =
        [.. WorkSteps.Where(key => Definition.FindStep(key)!.When is null)];

    private static WorkflowDefinition Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "workflows", File);
        var parsed = DefinitionParser.Parse(path, System.IO.File.ReadAllText(path));
        if (parsed.Errors.Count > 0) throw new InvalidOperationException(string.Join("\n", parsed.Errors));
        return parsed.Definition!;
    }
}
