namespace ReviewWorkflow.Engine.Definitions;

/// <summary>
/// Turns a draft that passed every check into the immutable records, applying defaults. Lists are
/// copied into read-only collections so no caller can change a definition other cases share.
/// </summary>
internal static class DefinitionBuilder
{
    public static WorkflowDefinition Build(WorkflowDraft draft, string contentHash) => new(
        draft.Key!.Value,
        draft.Version!.Value,
        draft.Title!,
        [.. draft.Roles.Select(r => r.Value)],
        [.. draft.Escalation],
        [.. draft.Steps.Select(Build)],
        contentHash) { Description = draft.Description ?? "" };

    private static StepDefinition Build(StepDraft step) => new(
        step.Key!.Value,
        step.Title ?? step.Key.Value,
        step.Kind!.Value,
        step.RoleOrDefault,
        step.Due,
        [.. step.After.Select(a => a.Value)],
        step.When,
        [.. step.Fields],
        [.. (step.Approves ?? []).Select(a => a.Value)],
        step.Decides,
        [.. (step.Categories ?? []).Select(c => c.Definition)],
        step.Initial?.Value,
        step.RationaleMinLength,
        step.Linkage,
        step.Escalation is null ? null : [.. step.Escalation],
        step.Line);
}
