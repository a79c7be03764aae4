namespace ReviewWorkflow.Engine.Commands;

/// <summary>
/// Classification of the death. F7: deaths were classed "not suspicious" within hours, so a
/// category may demand finished steps and cleared registers, and every move needs a real rationale.
/// </summary>
internal static class ClassifyCommand
{
    public static CommandOutcome Run(
        WorkflowDefinition definition, CaseState state, string category, string? rationale, Actor actor, DateTimeOffset now)
    {
        if (state.Closed) return Refusals.Closed();
        if (definition.StepDeciding(DecisionPurpose.Classification) is not { } step)
            return Refused.Because(RefusalKind.Conflict, "this workflow has no classification step");

        var target = step.Categories.FirstOrDefault(c => string.Equals(c.Key, category?.Trim(), StringComparison.OrdinalIgnoreCase));
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (target is null) errors["category"] = [Wording.Choices(step.Categories.Select(c => c.Key))];
        if (Rationale.Problem(rationale, step.RationaleMinLength) is { } problem) errors["rationale"] = [problem];
        if (errors.Count > 0) return Refusals.Invalid(errors);

        if (!Roles.Satisfies(actor.Role, step.Role)) return Refusals.Role(step.Role, "classify the death");

        var evaluation = CaseEvaluator.Evaluate(definition, state);
        var status = evaluation[step.Key]!;
        if (status.State is StepState.Blocked or StepState.NotApplicable) return Refusals.NotActionable(status);

        // A classification returned by its review may be made again in the same category, with a new rationale.
        if (status.State != StepState.Returned && string.Equals(state.Classification, target!.Key, StringComparison.OrdinalIgnoreCase))
            return Refused.Because(RefusalKind.Conflict, $"already classified as {target.Key}");

        var missing = Missing(definition, state, evaluation, target!);
        if (missing.Length > 0) return Refused.Because(RefusalKind.Conflict, missing);

        var reason = Rationale.Normalize(rationale)!;
        var classified = new CaseClassified(now, actor.Id, state.Classification, target!.Key, reason);
        // Moving back to the starting category reopens the question rather than answering it; the
        // unmet list then shows "still <initial>" until a real classification is made.
        if (string.Equals(target.Key, step.InitialCategory, StringComparison.OrdinalIgnoreCase))
            return new Accepted([classified]);

        var fields = new Dictionary<string, FieldValue>
        {
            ["category"] = new ChoiceValue(target.Key),
            ["rationale"] = new TextValue(reason),
        };
        return new Accepted([new StepCompleted(now, actor.Id, step.Key, fields, reason), classified]);
    }

    /// <summary>What the category still needs, worded as in the unmet list.</summary>
    private static string[] Missing(WorkflowDefinition definition, CaseState state, CaseEvaluation evaluation, CategoryDefinition target)
    {
        var missing = target.Requires
            .Select(key => evaluation[key])
            .OfType<StepStatus>()
            .Where(s => s.State is not (StepState.Completed or StepState.NotApplicable))
            // A register reopened by new items is named by its register line below, item by item.
            .Where(s => !(target.RequiresClearedRegisters && StepStateResolver.ReopenedByRegister(s, state.Facts)))
            .Select(s => Wording.NotDone(definition, s))
            .ToList();
        if (target.RequiresClearedRegisters)
        {
            missing.AddRange(definition.Steps
                .Where(s => s.Kind is StepKind.Linkage or StepKind.FamilyInformation)
                .SelectMany(s => UnmetRequirements.RegisterLines(s, state.Facts)));
        }
        return [.. missing];
    }
}
