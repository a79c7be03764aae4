namespace ReviewWorkflow.Engine.Commands;

/// <summary>
/// Pausing a step that waits on others: its officer asks, with a reason and the date the results are
/// expected; a supervisor who did not ask approves or refuses; the officer or a supervisor ends it when
/// the wait is over. Only an approved pause moves the deadline (<see cref="StepPause"/>).
/// </summary>
public static class Pauses
{
    public static CommandOutcome Request(WorkflowDefinition definition, CaseState state, string stepKey, string? reason, DateTimeOffset? until,
        Actor actor, DateTimeOffset now)
    {
        if (state.Closed) return Refusals.Closed();
        if (definition.FindStep(stepKey) is not { } step) return Refusals.UnknownStep(stepKey);
        var errors = new Dictionary<string, string[]>();
        var why = Rationale.Normalize(reason);
        if (why is null) errors["reason"] = ["required"];
        else if (Rationale.IsPlaceholder(why)) errors["reason"] = [Rationale.PlaceholderRefusal];
        if (until is null) errors["until"] = ["required: the date the step's wait is expected to end"];
        else if (until <= now) errors["until"] = ["must be in the future"];
        if (errors.Count > 0) return Refusals.Invalid(errors);
        if (!Roles.Satisfies(actor.Role, step.Role)) return Refusals.Role(step.Role, $"pause {step.Key}");
        var status = CaseEvaluator.Evaluate(definition, state)[step.Key]!;
        if (status.State is not (StepState.Available or StepState.Returned or StepState.Blocked)) return Refusals.NotActionable(status);
        if (status.Pause is { } p && (p.Pending || p.PausedAt(now)))
            return Refused.Because(RefusalKind.Conflict, p.Pending ? $"{step.Key} has a pause awaiting a supervisor's decision" : $"{step.Key} is paused already");
        return new Accepted([new StepPauseChanged(now, actor.Id, step.Key, ActivityKind.PauseRequested,
            new Dictionary<string, FieldValue> { [StepPause.UntilField] = new DateTimeValue(until!.Value) }, why)]);
    }

    public static CommandOutcome Decide(WorkflowDefinition definition, CaseState state, string stepKey, string? decision, string? rationale,
        Actor actor, DateTimeOffset now)
    {
        if (state.Closed) return Refusals.Closed();
        if (definition.FindStep(stepKey) is not { } step) return Refusals.UnknownStep(stepKey);
        if (decision is not (StepPause.Approve or StepPause.Refuse))
            return Refusals.Invalid(new Dictionary<string, string[]> { ["decision"] = [$"must be '{StepPause.Approve}' or '{StepPause.Refuse}'"] });
        if (!Roles.Satisfies(actor.Role, Roles.Supervisor)) return Refusals.Role(Roles.Supervisor, "decide a pause");
        if (CaseEvaluator.Evaluate(definition, state)[step.Key]!.Pause is not { Pending: true } pause)
            return Refused.Because(RefusalKind.Conflict, $"{step.Key} has no pause awaiting a decision");
        if (pause.RequestedBy == actor.Id) return Refused.Because(RefusalKind.Forbidden, "a supervisor who asked for a pause may not approve it");
        return new Accepted([new StepPauseChanged(now, actor.Id, step.Key, ActivityKind.PauseDecided,
            new Dictionary<string, FieldValue> { [StepPause.DecisionField] = new ChoiceValue(decision) }, Rationale.Normalize(rationale))]);
    }

    public static CommandOutcome End(WorkflowDefinition definition, CaseState state, string stepKey, Actor actor, DateTimeOffset now)
    {
        if (state.Closed) return Refusals.Closed();
        if (definition.FindStep(stepKey) is not { } step) return Refusals.UnknownStep(stepKey);
        if (!Roles.Satisfies(actor.Role, step.Role)) return Refusals.Role(step.Role, $"end the pause of {step.Key}");
        if (CaseEvaluator.Evaluate(definition, state)[step.Key]!.Pause is not { } pause || !pause.PausedAt(now))
            return Refused.Because(RefusalKind.Conflict, $"{step.Key} is not paused");
        return new Accepted([new StepPauseChanged(now, actor.Id, step.Key, ActivityKind.PauseEnded, new Dictionary<string, FieldValue>(), null)]);
    }
}
