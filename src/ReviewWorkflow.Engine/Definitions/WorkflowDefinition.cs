namespace ReviewWorkflow.Engine.Definitions;

/// <summary>A parsed, validated workflow definition: one version of one workflow file.</summary>
public sealed record WorkflowDefinition(
    string Key,
    int Version,
    string Title,
    IReadOnlyList<string> Roles,
    IReadOnlyList<EscalationRung> Escalation,
    IReadOnlyList<StepDefinition> Steps,
    string ContentHash)
{
    /// <summary>What the workflow is for, shown where an officer chooses one for a new case; empty when the file gives none.</summary>
    public string Description { get; init; } = "";

    public StepDefinition? FindStep(string key) => StepLookup.Of(this).Find(key);

    public StepDefinition? StepDeciding(DecisionPurpose purpose) => purpose == DecisionPurpose.Classification
        ? StepLookup.Of(this).Classification
        : Steps.FirstOrDefault(s => s.Kind == StepKind.Decision && s.Decides == purpose);

    public StepDefinition? StepOfKind(StepKind kind) => Steps.FirstOrDefault(s => s.Kind == kind);

    /// <summary>The ladder that applies to a step: its own override, else the workflow default.</summary>
    public IReadOnlyList<EscalationRung> LadderFor(StepDefinition step) => step.Escalation ?? Escalation;
}

public enum StepKind { Task, Linkage, FamilyInformation, SignOff, Decision }

/// <summary>What a decision step decides; the application maps its own commands onto these.</summary>
public enum DecisionPurpose { None, Classification, Referral, Closure }

/// <summary>
/// One step. <see cref="Due"/> is measured from when the step applies (see Evaluation/Deadlines; for
/// family-information items: from each item's receipt). <see cref="Approves"/> is for sign-off steps only; <see cref="Linkage"/>
/// for linkage steps only; <see cref="Categories"/> for the classification decision only.
/// </summary>
public sealed record StepDefinition(
    string Key,
    string Title,
    StepKind Kind,
    string Role,
    TimeSpan? Due,
    IReadOnlyList<string> After,
    Condition? When,
    IReadOnlyList<FieldDefinition> Fields,
    IReadOnlyList<string> Approves,
    DecisionPurpose Decides,
    IReadOnlyList<CategoryDefinition> Categories,
    string? InitialCategory,
    int RationaleMinLength,
    LinkageSettings? Linkage,
    IReadOnlyList<EscalationRung>? Escalation,
    int Line)
{
    public FieldDefinition? FindField(string key) => Fields.FirstOrDefault(f => f.Key == key);
}

/// <summary>A classification category; <see cref="Requires"/> are steps that must be complete first.</summary>
public sealed record CategoryDefinition(string Key, string Title, IReadOnlyList<string> Requires, bool RequiresClearedRegisters);

/// <summary>
/// <c>User</c>: a user of the case's team, given as an email or user id. The engine checks only that
/// something was given; membership is the application's check, since only it knows the users (F9:
/// a named family liaison must be someone the team can actually reach).
/// </summary>
public enum FieldType { Bool, Text, Number, DateTime, Choice, Person, List, User }

/// <summary>
/// <see cref="MaxLength"/> and <see cref="MaxItems"/> are the definition's own limits (null: the
/// defaults below); <see cref="LongestText"/> and <see cref="MostItems"/> are the limits in force.
/// </summary>
public sealed record FieldDefinition(
    string Key,
    string Label,
    FieldType Type,
    bool Required,
    IReadOnlyList<string> Choices,
    int MinLength,
    int? MaxLength = null,
    int? MaxItems = null,
    bool Persons = false)
{
    public const int DefaultTextLength = 10_000, DefaultItemLength = 500, DefaultItems = 100;

    /// <summary>A list of substances found (toxicology): its entries become the case's substances, so the linkage check compares them.</summary>
    public bool Substances { get; init; }

    /// <summary>Most characters in one value: the whole text of a text field, each entry of a list, each part of a person.</summary>
    public int LongestText => MaxLength ?? (Type == FieldType.Text ? DefaultTextLength : DefaultItemLength);

    public int MostItems => MaxItems ?? DefaultItems;
}

/// <summary>One rung of the escalation ladder, relative to the step's deadline.</summary>
public sealed record EscalationRung(int Level, TimeSpan After, string Notify);

public sealed record LinkageSettings(
    double RadiusKm,
    int WindowDays,
    double Threshold,
    IReadOnlyDictionary<string, double> Weights);
