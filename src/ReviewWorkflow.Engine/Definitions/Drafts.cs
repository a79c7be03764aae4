namespace ReviewWorkflow.Engine.Definitions;

/// <summary>
/// A definition as read, before cross-checks: values that were well-formed on their own, plus
/// the YAML mappings they came from so cross-step errors can still name a line and a path.
/// </summary>
internal sealed record WorkflowDraft(
    YamlMap Source,
    Located? Key,
    int? Version,
    string? Title,
    IReadOnlyList<Located> Roles,
    IReadOnlyList<EscalationRung> Escalation,
    IReadOnlyList<StepDraft> Steps)
{
    public string? Description { get; init; }
}

internal sealed record StepDraft(
    YamlMap Source,
    Located? Key,
    string? Title,
    StepKind? Kind,
    Located? Role,
    TimeSpan? Due,
    IReadOnlyList<Located> After,
    Located? WhenText,
    Condition? When,
    IReadOnlyList<FieldDefinition> Fields,
    IReadOnlyList<Located>? Approves,
    DecisionPurpose Decides,
    IReadOnlyList<CategoryDraft>? Categories,
    Located? Initial,
    int RationaleMinLength,
    LinkageSettings? Linkage,
    IReadOnlyList<EscalationRung>? Escalation)
{
    public string Path => Source.Path;

    public int Line => Source.Line;

    /// <summary>What this step waits for: its <c>after</c>, and for a sign-off the steps it approves.</summary>
    public IEnumerable<Located> Dependencies => After.Concat(Approves ?? []);

    public bool IsClosure => Kind == StepKind.Decision && Decides == DecisionPurpose.Closure;

    public string Name => Key?.Value ?? Path;

    /// <summary>
    /// The stated role, else the default: a sign-off is a supervisor's (decisions are reviewed by a
    /// supervisor who did not do the work), any other step an officer's.
    /// </summary>
    public string RoleOrDefault => Role?.Value ?? (Kind == StepKind.SignOff ? Roles.Supervisor : Roles.Officer);
}

internal sealed record CategoryDraft(CategoryDefinition Definition, IReadOnlyList<Located> Requires, int Line, string Path);
