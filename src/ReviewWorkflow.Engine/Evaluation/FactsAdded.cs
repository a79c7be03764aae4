namespace ReviewWorkflow.Engine.Evaluation;

/// <summary>
/// Substances and markers added to a case after it was recorded (a toxicology result, a note found
/// later), kept as an activity on no step so that a step whose <c>when</c> they make true runs its
/// deadline from their arrival, not from the case's opening.
/// </summary>
public static class FactsAdded
{
    /// <summary>The step key of these activities: none.</summary>
    public const string NoStep = "";

    public const string Substances = "substances", Markers = "markers";

    public static StepActivity Activity(string actorId, DateTimeOffset at, IReadOnlyList<string> substances, IReadOnlyList<string> markers) =>
        new(NoStep, ActivityKind.FactsAdded, actorId, at,
            new Dictionary<string, FieldValue> { [Substances] = new ListValue(substances), [Markers] = new ListValue(markers) }, null);
}
