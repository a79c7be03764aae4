namespace ReviewWorkflow.Engine.Definitions;

/// <summary>
/// The safeguards rule: whatever a policy author configures, a case cannot be closed without the
/// linkage check (failing F8), the family-information register (F5, F9), a supervisor's
/// sign-off of both (F7, F11), and a supervisor's review of a classification that clears the case (F7). Each missing safeguard is reported on its own, naming it.
/// </summary>
internal static class SafeguardRules
{
    public static void Check(StepIndex steps, Diagnostics errors)
    {
        if (steps.Closure is not { } closure)
        {
            return;
        }

        var before = Prerequisites(closure, steps);
        if (before.Any(s => s.Kind is null))
        {
            // A step whose kind is missing or misspelt is already reported; judging safeguards
            // without knowing what it is would only add a second, misleading message.
            return;
        }

        var linkage = before.Where(s => s.Kind == StepKind.Linkage).ToList();
        var family = before.Where(s => s.Kind == StepKind.FamilyInformation).ToList();

        void Missing(string message) => errors.Add(closure.Line, closure.Path, $"closure does not depend on {message}");

        if (linkage.Count == 0)
        {
            Missing("a linkage step: configuration cannot remove the linkage check");
        }

        if (family.Count == 0)
        {
            Missing("a family-information step: configuration cannot remove the family-information register");
        }

        // When a linkage or family-information step is missing, that is already reported; the
        // sign-off is then judged on what remains, so one mistake yields one message.
        var signOffs = before
            .Where(s => s.Kind == StepKind.SignOff && Roles.Satisfies(steps.RoleOf(s), Roles.Supervisor))
            .Where(s => Approves(s, linkage, steps) && Approves(s, family, steps))
            .ToList();
        if (!signOffs.Any(s => !s.Source.Has("when")))
        {
            var conditional = signOffs.Count > 0 ? $" (sign-off '{signOffs[0].Name}' has a condition, so it may never happen)" : "";
            Missing($"a sign-off by a supervisor (or higher) approving the linkage and family-information steps: configuration cannot remove supervision{conditional}");
        }

        var unreviewed = UnreviewedClassifications(before, steps);
        if (unreviewed.Count > 0)
        {
            Missing($"a sign-off by a supervisor (or higher) approving the classification {Vocabulary.List(unreviewed.Select(c => $"'{c}'"))}: "
                + "configuration cannot let a case close on a classification nobody reviewed");
        }
    }

    /// <summary>
    /// F7: "not suspicious" was decided within hours by the officer alone. A category that clears the
    /// case (not-suspicious, expected, or any that demands cleared registers) needs a sign-off by a
    /// supervisor (or higher) over the classification that closure waits for and that certainly
    /// applies once the case is so classified: its condition must hold on the classification alone.
    /// </summary>
    private static List<string> UnreviewedClassifications(HashSet<StepDraft> before, StepIndex steps)
    {
        var classification = before.FirstOrDefault(s => s.Kind == StepKind.Decision && s.Decides == DecisionPurpose.Classification);
        if (classification?.Categories is not { } categories || classification.Key is not { } key) return [];
        var reviews = before
            .Where(s => s.Kind == StepKind.SignOff && Roles.Satisfies(steps.RoleOf(s), Roles.Supervisor))
            .Where(s => (s.Approves ?? []).Any(a => a.Value == key.Value))
            .ToList();
        return categories
            .Select(c => c.Definition)
            .Where(c => c.RequiresClearedRegisters || ClearingCategories.Contains(c.Key))
            .Where(c => !reviews.Any(r => r.When is null || HoldsOnClassification(r.When, c.Key, key.Value)))
            .Select(c => c.Key)
            .ToList();
    }

    private static readonly string[] ClearingCategories = ["not-suspicious", "expected"];

    /// <summary>Whether a condition holds knowing only the classification; anything else counts as not known, hence false.</summary>
    private static bool HoldsOnClassification(Condition condition, string category, string classificationStep) => condition switch
    {
        AnyCondition any => any.Terms.Any(t => HoldsOnClassification(t, category, classificationStep)),
        AllCondition all => all.Terms.All(t => HoldsOnClassification(t, category, classificationStep)),
        EqualsCondition eq when IsClassification(eq.Ref, classificationStep) =>
            string.Equals(eq.Value.Trim(), category, StringComparison.OrdinalIgnoreCase) != eq.Negated,
        _ => false,
    };

    private static bool IsClassification(FieldReference reference, string classificationStep) =>
        (reference.IsCaseFact && reference.Name == "classification") || (reference.Scope == classificationStep && reference.Name == "category");

    private static bool Approves(StepDraft signOff, IReadOnlyList<StepDraft> safeguards, StepIndex steps) =>
        safeguards.Count == 0 || (signOff.Approves ?? []).Any(a => steps.Find(a.Value) is { } approved && safeguards.Contains(approved));

    /// <summary>Every step the closure waits for, directly or transitively.</summary>
    private static HashSet<StepDraft> Prerequisites(StepDraft closure, StepIndex steps)
    {
        var found = new HashSet<StepDraft>();
        var pending = new Stack<StepDraft>([closure]);
        while (pending.Count > 0)
        {
            foreach (var (_, step) in steps.DependenciesOf(pending.Pop()))
            {
                if (found.Add(step))
                {
                    pending.Push(step);
                }
            }
        }

        return found;
    }
}
