using ReviewWorkflow.Engine.Linkage;

namespace ReviewWorkflow.Engine.Evaluation;

/// <summary>
/// Decides a step's <c>when</c> condition against the case facts and the answers in force.
/// An answer that does not exist yet (no completion, or the step was returned) makes its factor
/// false — including <c>!=</c> — so no step applies on the strength of a question nobody answered.
/// </summary>
internal static class ConditionEvaluator
{
    public static bool Holds(Condition condition, CaseState state, IReadOnlyDictionary<string, StepHistory> histories, string? classificationStep = null) =>
        condition switch
        {
            AnyCondition any => any.Terms.Any(t => Holds(t, state, histories, classificationStep)),
            AllCondition all => all.Terms.All(t => Holds(t, state, histories, classificationStep)),
            TruthyCondition truthy => IsTruthy(Resolve(truthy.Ref, state, histories, classificationStep)),
            EqualsCondition eq => Resolve(eq.Ref, state, histories, classificationStep) is { } value
                && AsComparableText(value) is { } text
                && SameText(text, eq.Value) != eq.Negated,
            ContainsCondition contains => Resolve(contains.Ref, state, histories, classificationStep) is ListValue list
                && list.Items.Any(item => SameText(item, contains.Value)),
            _ => false,
        };

    /// <summary>
    /// Since when a condition that holds has held, as the record shows it: an answer since the
    /// completion that gave it; <c>case.linked</c> since the first linked disposition;
    /// <c>case.classification</c> since the classification to the current category;
    /// <c>case.referralRequested</c> since the request. Markers and substances carry no time in the
    /// record and count from opening. Any term: the earliest that holds; all terms: the latest.
    /// Null when the condition does not hold.
    /// </summary>
    public static DateTimeOffset? HoldsSince(Condition condition, CaseState state, IReadOnlyDictionary<string, StepHistory> histories, string? classificationStep = null)
    {
        if (!Holds(condition, state, histories, classificationStep)) return null;
        return condition switch
        {
            AnyCondition any => any.Terms.Select(t => HoldsSince(t, state, histories, classificationStep)).Min(),
            AllCondition all => all.Terms.Select(t => HoldsSince(t, state, histories, classificationStep)).Max(),
            TruthyCondition truthy => Since(truthy.Ref, state, histories),
            EqualsCondition eq => Since(eq.Ref, state, histories),
            ContainsCondition contains => Since(contains.Ref, state, histories, contains.Value),
            _ => state.OpenedAt,
        };
    }

    /// <param name="value">For a <c>contains</c>: the value whose arrival made it true.</param>
    private static DateTimeOffset Since(FieldReference reference, CaseState state, IReadOnlyDictionary<string, StepHistory> histories, string? value = null)
    {
        if (!reference.IsCaseFact)
            return histories.GetValueOrDefault(reference.Scope)?.Completion?.At ?? state.OpenedAt;
        var recorded = reference.Name.ToLowerInvariant() switch
        {
            "linked" => state.Activities.Where(a => a.Kind == ActivityKind.Contributed && IsChoice(a, "decision", LinkageDisposition.Linked)),
            "classification" => state.Activities.Where(a => a.Kind == ActivityKind.Completed && IsChoice(a, "category", state.Classification)).Reverse(),
            "referralrequested" => state.Activities.Where(a => a.Kind == ActivityKind.Requested).Reverse(),
            "markers" or "substances" => FactsArrived(state, reference.Name.ToLowerInvariant(), value),
            _ => [],
        };
        return recorded.FirstOrDefault()?.At ?? state.OpenedAt;
    }

    /// <summary>
    /// Facts are only ever added: a <c>contains</c> holds from the arrival of its value (the only
    /// addition that has it), anything else about the list from its latest addition; facts given
    /// when the death was recorded have no addition, and hold from the opening.
    /// </summary>
    private static IEnumerable<StepActivity> FactsArrived(CaseState state, string list, string? value)
    {
        var additions = state.Activities.Where(a => a.Kind == ActivityKind.FactsAdded
            && a.Fields.GetValueOrDefault(list) is ListValue added
            && (value is null ? added.Items.Count > 0 : added.Items.Any(item => SameText(item, value))));
        return value is null ? additions.Reverse() : additions;
    }

    private static bool IsChoice(StepActivity activity, string field, string value) =>
        activity.Fields.GetValueOrDefault(field) is ChoiceValue { Value: var v } && SameText(v, value);

    private static FieldValue? Resolve(FieldReference reference, CaseState state, IReadOnlyDictionary<string, StepHistory> histories, string? classificationStep)
    {
        if (reference.IsCaseFact)
        {
            var facts = state.Facts;
            return reference.Name.ToLowerInvariant() switch
            {
                "linked" => new BoolValue(facts.LinkedCandidates > 0),
                "referralrequested" => new BoolValue(facts.ReferralRequested),
                "classification" => new ChoiceValue(state.Classification),
                "classificationhistory" => new ListValue(ClassificationHistory(state, classificationStep)),
                "markers" => new ListValue([.. facts.Markers]),
                "substances" => new ListValue([.. facts.Substances]),
                _ => null,
            };
        }
        return histories.TryGetValue(reference.Scope, out var history)
            && history.Completion is { } completion
            && completion.Fields.TryGetValue(reference.Name, out var value)
                ? value
                : null;
    }

    /// <summary>The categories of every classification recorded (each is a completion carrying its category), and the current one.</summary>
    private static List<string> ClassificationHistory(CaseState state, string? classificationStep) =>
        [.. state.Activities
            .Where(a => a.Kind == ActivityKind.Completed && a.StepKey == classificationStep)
            .Select(a => a.Fields.GetValueOrDefault("category"))
            .OfType<ChoiceValue>()
            .Select(c => c.Value)
            .Append(state.Classification)
            .Distinct(StringComparer.OrdinalIgnoreCase)];

    private static bool IsTruthy(FieldValue? value) => value switch
    {
        null => false,
        BoolValue b => b.Value,
        TextValue t => !string.IsNullOrWhiteSpace(t.Value),
        ChoiceValue c => !string.IsNullOrWhiteSpace(c.Value),
        ListValue l => l.Items.Count > 0,
        _ => true,
    };

    private static string? AsComparableText(FieldValue value) => value switch
    {
        BoolValue b => b.Value ? "true" : "false",
        TextValue t => t.Value,
        ChoiceValue c => c.Value,
        NumberValue n => n.Value.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static bool SameText(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
