namespace ReviewWorkflow.Engine.Commands;

/// <summary>
/// F3: the homicide command declined cases and was not told of significant incidents. A referral
/// is a recorded decision: its outcome decides who owns the case, and a decline must say why
/// (the workflow then asks an inspector to sign the decline off). Field keys are the referral
/// decision's convention: <c>outcome</c> (accepted|declined), <c>owner</c>, <c>reasons</c>.
/// </summary>
internal static class Referral
{
    public const string OutcomeField = "outcome", OwnerField = "owner", ReasonsField = "reasons";
    public const string AcceptedOutcome = "accepted", DeclinedOutcome = "declined";

    /// <summary>Input problems the field definitions cannot express: a decline without its reasons.</summary>
    public static IEnumerable<KeyValuePair<string, string[]>> Problems(IReadOnlyDictionary<string, FieldValue> values)
    {
        if (!IsOutcome(values, DeclinedOutcome)) yield break;
        var reasons = values.GetValueOrDefault(ReasonsField) is TextValue { Value: var text } ? Rationale.Normalize(text) : null;
        if (reasons is null || Rationale.IsPlaceholder(reasons))
            yield return new($"fields.{ReasonsField}", ["required when the referral is declined: record the reasons the homicide command gave"]);
    }

    /// <summary>
    /// Accepted: the case belongs to the owner the homicide command named. Otherwise it stays with
    /// the team (no owner), including when an accepted referral is redone as declined.
    /// </summary>
    public static CaseOwnerChanged Ownership(IReadOnlyDictionary<string, FieldValue> values, Actor actor, DateTimeOffset now) =>
        new(now, actor.Id,
            IsOutcome(values, AcceptedOutcome) && values.GetValueOrDefault(OwnerField) is TextValue { Value: var owner } ? owner.Trim() : null);

    /// <summary>A supervisor (or inspector) asks for a referral; the referral step then applies (<c>case.referralRequested</c>).</summary>
    public static CommandOutcome Request(WorkflowDefinition definition, CaseState state, string? rationale, Actor actor, DateTimeOffset now)
    {
        if (state.Closed) return Refusals.Closed();
        if (definition.StepDeciding(DecisionPurpose.Referral) is not { } step)
            return Refused.Because(RefusalKind.Conflict, "this workflow has no homicide referral step");
        if (Rationale.Problem(rationale, RequestRationaleMinLength) is { } problem)
            return Refusals.Invalid(new Dictionary<string, string[]> { ["rationale"] = [problem] });
        if (!Roles.Satisfies(actor.Role, Roles.Supervisor)) return Refusals.Role(Roles.Supervisor, "request a homicide referral");
        if (state.Facts.ReferralRequested) return Refused.Because(RefusalKind.Conflict, "a homicide referral has already been requested");
        if (CaseEvaluator.Evaluate(definition, state)[step.Key] is { State: StepState.Completed } done)
            return Refused.Because(RefusalKind.Conflict,
                $"{step.Key} is already completed (outcome: {Outcome(done) ?? "recorded"}); return it through a sign-off to refer again");
        return new Accepted([new ReferralRequested(now, actor.Id, step.Key, Rationale.Normalize(rationale)!)]);
    }

    /// <summary>Long enough to say why, short enough not to hold up an urgent request.</summary>
    public const int RequestRationaleMinLength = 10;

    private static string? Outcome(StepStatus status) =>
        status.Completion?.Fields.GetValueOrDefault(OutcomeField) is ChoiceValue { Value: var v } ? v : null;

    private static bool IsOutcome(IReadOnlyDictionary<string, FieldValue> values, string outcome) =>
        values.GetValueOrDefault(OutcomeField) is ChoiceValue { Value: var v } && string.Equals(v, outcome, StringComparison.OrdinalIgnoreCase);
}
