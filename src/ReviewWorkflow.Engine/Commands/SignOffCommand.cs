namespace ReviewWorkflow.Engine.Commands;

/// <summary>
/// A supervisor approves finished work or returns named steps with a reason. Only approval is
/// subject to four-eyes: returning one's own work for a redo weakens nothing.
/// </summary>
internal static class SignOffCommand
{
    public const string Approve = "approve", Return = "return";

    public static CommandOutcome Run(
        WorkflowDefinition definition, CaseState state, string stepKey, string decision, string? rationale,
        IReadOnlyList<string> returnSteps, Actor actor, DateTimeOffset now)
    {
        if (definition.FindStep(stepKey) is not { } step) return state.Closed ? Refusals.Closed() : Refusals.UnknownStep(stepKey);
        if (step.Kind != StepKind.SignOff)
            return Refused.Because(RefusalKind.Conflict, $"{step.Key} is not a sign-off: use the complete command");

        var normalizedDecision = decision?.Trim().ToLowerInvariant();
        var reason = Rationale.Normalize(rationale);
        var toReturn = returnSteps.Select(s => s.Trim()).Distinct(StringComparer.Ordinal).ToList();

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (normalizedDecision is not (Approve or Return)) errors["decision"] = [Wording.Choices([Approve, Return])];
        if (reason is null) errors["rationale"] = ["required"];
        else if (Rationale.IsPlaceholder(reason)) errors["rationale"] = [Rationale.PlaceholderRefusal];
        if (normalizedDecision == Return)
        {
            if (toReturn.Count == 0) errors["returnSteps"] = ["name at least one step to return"];
            for (var i = 0; i < toReturn.Count; i++)
            {
                if (!step.Approves.Contains(toReturn[i]))
                    errors[$"returnSteps[{i}]"] = [$"'{toReturn[i]}' is not covered by {step.Key}"];
            }
        }
        if (errors.Count > 0) return Refusals.Invalid(errors);

        var evaluation = CaseEvaluator.Evaluate(definition, state);
        if (Barred(state, step, actor, evaluation) is { } barred) return barred;
        // Sending a decision back for a redo would reopen the case: not done by a sign-off.
        if (state.Closed && normalizedDecision == Return)
            return Refused.Because(RefusalKind.Conflict, $"the case is closed: {step.Key} can only be approved on it, not returned");

        return normalizedDecision == Approve
            ? Approved(step, state, reason!, actor, now)
            : Returned(step, evaluation, toReturn, reason!, actor, now);
    }

    /// <summary>
    /// What bars the actor from any decision on the sign-off now: the case closed, the role, the step's
    /// state. On a closed case only a sign-off that came to apply after closure can be given (a late
    /// link makes the classification an inspector's to approve): the rest were given before it closed.
    /// </summary>
    public static Refused? Barred(CaseState state, StepDefinition step, Actor actor, CaseEvaluation evaluation)
    {
        var status = evaluation[step.Key]!;
        if (state.Closed && (step.When is null || status.State is not (StepState.Available or StepState.Returned))) return Refusals.Closed();
        if (!Roles.Satisfies(actor.Role, step.Role)) return Refusals.Role(step.Role, $"sign off {step.Key}");
        // Returned too: a sign-off sent back by a higher sign-off is redone like any returned step.
        return status.State is StepState.Available or StepState.Returned ? null : Refusals.NotActionable(status);
    }

    private static CommandOutcome Approved(StepDefinition step, CaseState state, string reason, Actor actor, DateTimeOffset now)
    {
        var ownWork = FourEyes.OwnWork(step, state, actor);
        if (ownWork.Count > 0) return new Refused(RefusalKind.Forbidden, ownWork, new Dictionary<string, string[]>());

        var fields = new Dictionary<string, FieldValue>
        {
            ["decision"] = new ChoiceValue(Approve),
            ["rationale"] = new TextValue(reason),
        };
        return new Accepted([new StepCompleted(now, actor.Id, step.Key, fields, reason)]);
    }

    private static CommandOutcome Returned(
        StepDefinition step, CaseEvaluation evaluation, IReadOnlyList<string> toReturn, string reason, Actor actor, DateTimeOffset now)
    {
        // Only finished work can be sent back; a not-applicable step has nothing to redo.
        var notReturnable = toReturn
            .Select(key => evaluation[key]!)
            .Where(s => s.State != StepState.Completed)
            .Select(s => $"{s.Step.Key} is {Wording.State(s.State)}, so it cannot be returned")
            .ToArray();
        if (notReturnable.Length > 0) return Refused.Because(RefusalKind.Conflict, notReturnable);

        return new Accepted([new StepsReturned(now, actor.Id, step.Key, toReturn, reason)]);
    }
}
