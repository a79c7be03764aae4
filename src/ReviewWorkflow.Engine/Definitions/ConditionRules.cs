namespace ReviewWorkflow.Engine.Definitions;

/// <summary>
/// Checks what conditions refer to and that each comparison makes sense for the value's type.
/// A comparison with a value a choice can never take is the subtle mistake here: the step would
/// silently never apply. When that makes a whole condition impossible the step is reported as
/// unreachable (by <see cref="DependencyRules"/>); otherwise the comparison itself is reported.
/// </summary>
internal static class ConditionRules
{
    /// <returns>Steps whose condition can never hold, with the reason in words.</returns>
    public static IReadOnlyDictionary<StepDraft, string> Check(StepIndex steps, Diagnostics errors)
    {
        var neverHold = new Dictionary<StepDraft, string>();
        foreach (var step in steps.All)
        {
            if (step.When is null || step.WhenText is null)
            {
                continue;
            }

            var impossible = new Dictionary<Condition, string>(ReferenceEqualityComparer.Instance);
            foreach (var leaf in Leaves(step.When))
            {
                var problem = CheckLeaf(leaf, step, steps, out var impossibleChoice);
                if (problem is not null)
                {
                    errors.Add(step.WhenText.Line, step.WhenText.Path, problem);
                }
                else if (impossibleChoice is not null)
                {
                    impossible[leaf] = impossibleChoice;
                }
            }

            if (!CanHold(step.When, impossible))
            {
                neverHold[step] = string.Join("; ", impossible.Where(p => p.Key is EqualsCondition { Negated: false }).Select(p => p.Value));
                continue;
            }

            foreach (var reason in impossible.Values)
            {
                errors.Add(step.WhenText.Line, step.WhenText.Path, reason);
            }
        }

        return neverHold;
    }

    private static IEnumerable<Condition> Leaves(Condition condition) => condition switch
    {
        AnyCondition any => any.Terms.SelectMany(Leaves),
        AllCondition all => all.Terms.SelectMany(Leaves),
        _ => [condition],
    };

    /// <summary>Whether some case could satisfy the condition, given comparisons that never match.</summary>
    private static bool CanHold(Condition condition, IReadOnlyDictionary<Condition, string> impossible) => condition switch
    {
        AnyCondition any => any.Terms.Any(t => CanHold(t, impossible)),
        AllCondition all => all.Terms.All(t => CanHold(t, impossible)),
        EqualsCondition { Negated: false } => !impossible.ContainsKey(condition),
        _ => true,
    };

    /// <returns>A problem to report, or null; <paramref name="impossibleChoice"/> is set when the comparison can never match.</returns>
    private static string? CheckLeaf(Condition leaf, StepDraft owner, StepIndex steps, out string? impossibleChoice)
    {
        impossibleChoice = null;
        var reference = leaf switch
        {
            TruthyCondition t => t.Ref,
            EqualsCondition e => e.Ref,
            ContainsCondition c => c.Ref,
            _ => throw new InvalidOperationException($"not a leaf: {leaf}"),
        };

        var (target, problem) = Resolve(reference, owner, steps);
        if (target is null)
        {
            return problem;
        }

        var name = $"'{reference}'";
        switch (leaf)
        {
            case TruthyCondition when target.Type != FieldType.Bool:
                return target.Type == FieldType.List
                    ? $"{name} is a list: test it with 'contains'"
                    : $"{name} is {target.Describe()}, not true or false: compare it with == or !=";
            case ContainsCondition when target.Type != FieldType.List:
                return $"'contains' is only for lists, and {name} is {target.Describe()}";
            case EqualsCondition equals:
                return CheckComparison(equals, target, name, out impossibleChoice);
            default:
                return null;
        }
    }

    private static string? CheckComparison(EqualsCondition equals, Target target, string name, out string? impossibleChoice)
    {
        impossibleChoice = null;
        switch (target.Type)
        {
            case FieldType.Bool when equals.Value is not ("true" or "false"):
                return $"{name} is true or false, so it cannot equal '{equals.Value}'";
            case FieldType.Number when !decimal.TryParse(equals.Value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _):
                return $"{name} is a number, so it cannot equal '{equals.Value}'";
            case FieldType.List:
                return $"{name} is a list: test it with 'contains'";
            case FieldType.DateTime or FieldType.Person:
                return $"{name} is {target.Describe()} and cannot be compared in a condition";
            case FieldType.Choice when target.Choices is { } choices && !choices.Contains(equals.Value):
                impossibleChoice = $"'{equals.Value}' is not one of the {target.ChoiceWord} of {name[1..^1]} ({Vocabulary.List(choices)})";
                return null;
            default:
                return null;
        }
    }

    private static (Target? Target, string? Problem) Resolve(FieldReference reference, StepDraft owner, StepIndex steps)
    {
        if (reference.IsCaseFact)
        {
            if (!Vocabulary.CaseFacts.TryGetValue(reference.Name, out var type))
            {
                return (null, $"unknown case fact '{reference.Name}' (known: {Vocabulary.List(Vocabulary.CaseFacts.Keys)})");
            }

            // The classification fact takes the classification decision's categories as its choices.
            var categories = reference.Name == "classification"
                ? steps.Classification?.Categories?.Select(c => c.Definition.Key).ToList()
                : null;
            return (new Target(type, categories, IsFact: true), null);
        }

        if (reference.Scope == owner.Key?.Value)
        {
            // The step's own answers exist only once it applies, so such a condition could never open it.
            return (null, $"'{reference}' is this step's own field: a step's condition cannot depend on its own answers");
        }

        var step = steps.Find(reference.Scope);
        if (step is null)
        {
            return (null, $"unknown step '{reference.Scope}' in '{reference}'");
        }

        var field = step.Fields.FirstOrDefault(f => f.Key == reference.Name);
        return field is null
            ? (null, $"step '{reference.Scope}' has no field '{reference.Name}'")
            : (new Target(field.Type, field.Choices, IsFact: false), null);
    }

    private sealed record Target(FieldType Type, IReadOnlyList<string>? Choices, bool IsFact)
    {
        public string ChoiceWord => IsFact ? "categories" : "choices";

        public string Describe()
        {
            var word = Vocabulary.FieldTypes.First(t => t.Value == Type).Key;
            return $"{(word[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an" : "a")} {word} {(IsFact ? "fact" : "field")}";
        }
    }
}
