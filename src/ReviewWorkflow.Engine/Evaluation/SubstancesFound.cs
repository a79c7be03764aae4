namespace ReviewWorkflow.Engine.Evaluation;

/// <summary>
/// Toxicology's substances found, answered in a step, are facts about the death: the Barking deaths
/// were linked by GHB that nobody compared. The entries of the step's substance lists that the case
/// does not hold yet (compared as <c>PATCH /api/cases</c> compares them: trimmed, ignoring case) are
/// added to its substances, recorded as a <see cref="FactsAdded"/> activity; the application then
/// runs the linkage check again, as for any fact learnt later.
/// </summary>
public static class SubstancesFound
{
    public static IReadOnlyList<string> NewIn(StepDefinition step, IReadOnlyDictionary<string, FieldValue> answers, IReadOnlyList<string> caseSubstances)
    {
        var known = new HashSet<string>(caseSubstances.Select(s => s.Trim()), StringComparer.OrdinalIgnoreCase);
        return [.. step.Fields.Where(f => f.Substances)
            .SelectMany(f => answers.TryGetValue(f.Key, out var value) && value is ListValue list ? list.Items : [])
            .Select(s => s.Trim())
            .Where(s => s.Length > 0 && known.Add(s))];
    }

    /// <summary>The activity recording them, or null when there are none.</summary>
    public static StepActivity? Activity(IReadOnlyList<string> substances, string actorId, DateTimeOffset at) =>
        substances.Count > 0 ? FactsAdded.Activity(actorId, at, substances, []) : null;
}
