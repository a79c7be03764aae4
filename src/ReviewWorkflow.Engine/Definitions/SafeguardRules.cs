namespace ReviewWorkflow.Engine.Definitions;

/// <summary>
/// The safeguards rule: whatever a policy author configures, a case cannot be closed without the
/// linkage check (failing F8), the family-information register (F5, F9) and a supervisor's
/// sign-off of both (F7, F11). Each missing safeguard is reported on its own, naming it.
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
    }

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
