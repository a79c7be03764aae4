namespace ReviewWorkflow.Engine.Definitions;

/// <summary>Checks that need the whole file: each rule set reports into the same list.</summary>
internal static class DefinitionValidator
{
    public static void Validate(WorkflowDraft workflow, Diagnostics errors, FileIdentity? expected)
    {
        CheckIdentity(workflow, errors, expected);
        var steps = new StepIndex(workflow, errors);
        StepRules.Check(workflow, steps, errors);
        var neverHold = ConditionRules.Check(steps, errors);
        DependencyRules.Check(steps, neverHold, errors);
        SafeguardRules.Check(steps, errors);
    }

    private static void CheckIdentity(WorkflowDraft workflow, Diagnostics errors, FileIdentity? expected)
    {
        if (expected is null)
        {
            return;
        }

        if (workflow.Key is { } key && key.Value != expected.Key)
        {
            errors.Add(key.Line, key.Path, $"key '{key.Value}' does not match its folder '{expected.Key}'");
        }

        if (workflow.Version is { } version && version != expected.Version)
        {
            errors.Add(workflow.Source.LineOf("version"), "version", $"version {version} does not match the file name v{expected.Version}.yaml");
        }
    }
}

/// <summary>Steps by key (first definition wins), reporting duplicate keys once while building.</summary>
internal sealed class StepIndex
{
    private readonly Dictionary<string, StepDraft> _byKey = [];

    public StepIndex(WorkflowDraft workflow, Diagnostics errors)
    {
        Workflow = workflow;
        foreach (var step in workflow.Steps)
        {
            if (step.Key is not { } key)
            {
                continue;
            }

            if (!_byKey.TryAdd(key.Value, step))
            {
                errors.Add(key.Line, key.Path, $"duplicate step key '{key.Value}' (first defined at line {_byKey[key.Value].Line})");
            }
        }
    }

    public WorkflowDraft Workflow { get; }

    public IReadOnlyList<StepDraft> All => Workflow.Steps;

    public StepDraft? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>The steps a step waits for that exist, with the reference that names each.</summary>
    public IEnumerable<(Located Reference, StepDraft Step)> DependenciesOf(StepDraft step) =>
        step.Dependencies.Select(d => (d, Find(d.Value))).Where(p => p.Item2 is not null).Select(p => (p.d, p.Item2!));

    public StepDraft? Classification =>
        All.FirstOrDefault(s => s.Kind == StepKind.Decision && s.Decides == DecisionPurpose.Classification);

    public StepDraft? Closure => All.FirstOrDefault(s => s.IsClosure);

    public string RoleOf(StepDraft step) => step.RoleOrDefault;
}
