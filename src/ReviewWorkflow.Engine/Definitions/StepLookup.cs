using System.Runtime.CompilerServices;

namespace ReviewWorkflow.Engine.Definitions;

/// <summary>
/// A definition's steps by key and each step's prerequisites, built once per definition: every case
/// read evaluates every step, and each evaluation looks steps up by key many times. Kept beside the
/// definition rather than in it, so the definition stays a plain record (its equality is its content).
/// </summary>
internal sealed class StepLookup
{
    private static readonly ConditionalWeakTable<WorkflowDefinition, StepLookup> Built = new();

    private readonly Dictionary<string, StepDefinition> _byKey;
    private readonly Dictionary<string, StepDefinition[]> _prerequisites;

    private StepLookup(WorkflowDefinition definition)
    {
        _byKey = new Dictionary<string, StepDefinition>(StringComparer.Ordinal);
        foreach (var step in definition.Steps) _byKey.TryAdd(step.Key, step); // the first of a duplicated key, as a scan would find
        _prerequisites = new Dictionary<string, StepDefinition[]>(StringComparer.Ordinal);
        foreach (var step in _byKey.Values) _prerequisites[step.Key] = PrerequisitesOf(step);
        Classification = definition.Steps.FirstOrDefault(s => s.Kind == StepKind.Decision && s.Decides == DecisionPurpose.Classification);
    }

    public static StepLookup Of(WorkflowDefinition definition) => Built.GetValue(definition, d => new StepLookup(d));

    public StepDefinition? Find(string key) => _byKey.GetValueOrDefault(key);

    public StepDefinition? Classification { get; }

    /// <summary>What a step waits for: its <c>after</c> steps and, for a sign-off, everything it approves (a supervisor signs off finished work).</summary>
    public IReadOnlyList<StepDefinition> Prerequisites(StepDefinition step) =>
        _byKey.TryGetValue(step.Key, out var known) && ReferenceEquals(known, step) ? _prerequisites[step.Key] : PrerequisitesOf(step);

    private StepDefinition[] PrerequisitesOf(StepDefinition step) =>
        [.. step.After
            .Concat(step.Kind == StepKind.SignOff ? step.Approves : [])
            .Distinct(StringComparer.Ordinal)
            .Select(Find)
            .OfType<StepDefinition>()];
}
