namespace ReviewWorkflow.Engine.Definitions;

/// <summary>
/// Per-step rules that need the rest of the file: roles, which settings fit which kind, and
/// references to other steps.
/// </summary>
internal static class StepRules
{
    public static void Check(WorkflowDraft workflow, StepIndex steps, Diagnostics errors)
    {
        CheckWorkflowRoles(workflow, errors);
        foreach (var step in steps.All)
        {
            CheckRole(workflow, step, errors);
            CheckKindSettings(step, errors);
            CheckReferences(step, steps, errors);
        }

        CheckDecisionsAreUnique(workflow, steps, errors);
    }

    private static void CheckWorkflowRoles(WorkflowDraft workflow, Diagnostics errors)
    {
        var seen = new HashSet<string>();
        foreach (var role in workflow.Roles)
        {
            if (!Roles.Casework.Contains(role.Value))
            {
                errors.Add(role.Line, role.Path, $"unknown role '{role.Value}' (roles may only be {Vocabulary.List(Roles.Casework)})");
            }
            else if (!seen.Add(role.Value))
            {
                errors.Add(role.Line, role.Path, $"role '{role.Value}' is listed twice");
            }
        }
    }

    private static void CheckRole(WorkflowDraft workflow, StepDraft step, Diagnostics errors)
    {
        var role = step.Role ?? new Located(step.RoleOrDefault, step.Line, step.Source.PathOf("role"));
        if (!workflow.Roles.Any(r => r.Value == role.Value))
        {
            var defaulted = step.Role is null ? " (the default)" : "";
            errors.Add(role.Line, role.Path, $"unknown role '{role.Value}'{defaulted}: the workflow's roles are {Vocabulary.List(workflow.Roles.Select(r => r.Value))}");
        }
    }

    private static void CheckKindSettings(StepDraft step, Diagnostics errors)
    {
        if (step.Kind is not { } kind)
        {
            return;
        }

        var source = step.Source;
        void Refuse(string key, string message) => errors.Add(source.LineOf(key), source.PathOf(key), message);

        if (kind == StepKind.SignOff && (step.Approves is null || step.Approves.Count == 0))
        {
            Refuse("approves", "sign-off approves nothing");
        }
        else if (kind != StepKind.SignOff && source.Has("approves"))
        {
            Refuse("approves", "approves is only for sign-off steps");
        }

        if (kind != StepKind.Decision && source.Has("decides"))
        {
            Refuse("decides", $"decides is only for decision steps; this step's kind is {KindWord(kind)}");
        }

        var classification = kind == StepKind.Decision && step.Decides == DecisionPurpose.Classification;
        if (classification && !source.Has("categories"))
        {
            Refuse("categories", "the classification decision needs categories");
        }

        foreach (var key in new[] { "categories", "initial" }.Where(k => !classification && source.Has(k)))
        {
            Refuse(key, $"{key} {(key == "categories" ? "are" : "is")} only for the classification decision");
        }

        if (classification && step.Initial is { } initial && step.Categories?.All(c => c.Definition.Key != initial.Value) == true)
        {
            errors.Add(initial.Line, initial.Path, $"initial category '{initial.Value}' is not one of the categories ({Vocabulary.List(step.Categories.Select(c => c.Definition.Key))})");
        }

        if (kind == StepKind.Linkage && !source.Has("linkage"))
        {
            Refuse("linkage", $"a linkage step needs linkage settings ({Vocabulary.List(Vocabulary.LinkageKeys)})");
        }
        else if (kind != StepKind.Linkage && source.Has("linkage"))
        {
            Refuse("linkage", "linkage settings are only for linkage steps");
        }

        if (source.Has("escalation") && !source.Has("due"))
        {
            Refuse("escalation", "a step without 'due' has no deadline to escalate from");
        }

        // A condition on a safeguard step would let configuration switch the safeguard off.
        if (kind is StepKind.Linkage or StepKind.FamilyInformation && source.Has("when"))
        {
            var what = kind == StepKind.Linkage ? "linkage check" : "family-information register";
            Refuse("when", $"a {KindWord(kind)} step cannot be conditional: configuration cannot remove the {what}");
        }
    }

    private static void CheckReferences(StepDraft step, StepIndex steps, Diagnostics errors)
    {
        var lists = new[] { step.After, step.Approves ?? [] }
            .Concat((step.Categories ?? []).Select(c => c.Requires));
        foreach (var list in lists)
        {
            var seen = new HashSet<string>();
            foreach (var reference in list)
            {
                if (steps.Find(reference.Value) is null)
                {
                    errors.Add(reference.Line, reference.Path, $"unknown step '{reference.Value}'");
                }
                else if (!seen.Add(reference.Value))
                {
                    errors.Add(reference.Line, reference.Path, $"step '{reference.Value}' is listed twice");
                }
            }
        }
    }

    private static void CheckDecisionsAreUnique(WorkflowDraft workflow, StepIndex steps, Diagnostics errors)
    {
        // A closure step with a misspelt kind is reported as that; "no closure" would be a second message for one slip.
        var misspeltClosure = steps.All.Any(s => s.Kind is null && s.Decides == DecisionPurpose.Closure);
        if (steps.All.Count > 0 && steps.Closure is null && !misspeltClosure)
        {
            errors.Add(
                workflow.Source.LineOf("steps"), "steps",
                "no closure step: exactly one decision step must have 'decides: closure'");
        }

        foreach (var group in steps.All.Where(s => s.Kind == StepKind.Decision && s.Decides != DecisionPurpose.None).GroupBy(s => s.Decides))
        {
            var first = group.First();
            var word = Vocabulary.Decisions.First(d => d.Value == group.Key).Key;
            var rule = group.Key == DecisionPurpose.Closure ? "exactly one is required" : "at most one is allowed";
            foreach (var extra in group.Skip(1))
            {
                errors.Add(
                    extra.Source.LineOf("decides"), extra.Source.PathOf("decides"),
                    $"a second {word} decision (the first is '{first.Name}' at line {first.Line}): {rule}");
            }
        }
    }

    public static string KindWord(StepKind kind) => Vocabulary.Kinds.First(k => k.Value == kind).Key;
}
