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

        var signedOff = before.Any(s =>
            s.Kind == StepKind.SignOff
            && s.When is null && !s.Source.Has("when")
            && Roles.Satisfies(steps.RoleOf(s), Roles.Supervisor)
            && (s.Approves ?? []).Any(a => steps.Find(a.Value) is { } approved && linkage.Contains(approved))
            && (s.Approves ?? []).Any(a => steps.Find(a.Value) is { } approved && family.Contains(approved)));
        if (!signedOff)
        {
            Missing("an unconditional sign-off by a supervisor (or higher) that approves both a linkage step and a family-information step: configuration cannot remove supervision");
        }
    }

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
