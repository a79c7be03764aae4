using System.Text.Json;

namespace ReviewWorkflow.Engine.Commands;

/// <summary>
/// The commands of the procedure. Each checks role, state and input against the definition and
/// returns events or a refusal; none stores anything. Team membership is the application's check.
/// Checks run in a fixed order (case, step, input, role, state, gates) so a refusal names the most
/// fundamental problem first.
/// </summary>
public static class Procedure
{
    public static CommandOutcome Complete(
        WorkflowDefinition definition, CaseState state, string stepKey,
        IReadOnlyDictionary<string, JsonElement> fields, string? note, Actor actor, DateTimeOffset now)
    {
        if (definition.FindStep(stepKey) is not { } step) return state.Closed ? Refusals.Closed() : Refusals.UnknownStep(stepKey);

        // Sign-offs, classification and closure carry rules of their own (four-eyes, gates, the
        // unmet list); completing them as plain tasks would bypass those rules.
        var dedicated = (step.Kind, step.Decides) switch
        {
            (StepKind.SignOff, _) => "use the sign-off command",
            (StepKind.Decision, DecisionPurpose.Classification) => "use the classification command",
            (StepKind.Decision, DecisionPurpose.Closure) => "use the close command",
            _ => null,
        };
        if (state.Closed && dedicated is not null) return Refusals.Closed();
        if (dedicated is not null) return Refused.Because(RefusalKind.Conflict, $"{step.Key} cannot be completed directly: {dedicated}");

        var status = CaseEvaluator.Evaluate(definition, state)[step.Key]!;
        // On a closed case only work that became required after closure can be done (a late link makes
        // the referral required): a step with a condition that applies now, or a step sent back since (an earlier
        // incident at the address recorded late); everything else was done when it closed.
        if (state.Closed && !(status.State == StepState.Returned || (step.When is not null && status.State == StepState.Available))) return Refusals.Closed();

        if (!Roles.Satisfies(actor.Role, step.Role)) return Refusals.Role(step.Role, $"complete {step.Key}");

        if (status.State is not (StepState.Available or StepState.Returned)) return Refusals.NotActionable(status);

        // F8 and F5: the registers must be cleared before their step can be called done.
        if (step.Kind == StepKind.Linkage && state.Facts.UndecidedCandidates > 0)
            return Refused.Because(RefusalKind.Conflict, Wording.LinkageCandidatesNotDispositioned(state.Facts));
        if (step.Kind == StepKind.FamilyInformation && state.Facts.OpenFamilyItems > 0)
            return Refused.Because(RefusalKind.Conflict, Wording.FamilyItemsOpen(state.Facts));

        var (values, errors) = FieldCodec.Parse(step, fields);
        if (step.Decides == DecisionPurpose.Referral && !errors.ContainsKey($"fields.{Referral.ReasonsField}"))
            errors = errors.Concat(Referral.Problems(values)).ToDictionary();
        if (errors.Count > 0) return Refusals.Invalid(errors);

        var completed = new StepCompleted(now, actor.Id, step.Key, values, Rationale.Normalize(note));
        return step.Decides == DecisionPurpose.Referral
            ? new Accepted([completed, Referral.Ownership(values, actor, now)])
            : new Accepted([completed]);
    }

    /// <summary>A supervisor asks for a homicide referral (F3): the referral step applies from then on.</summary>
    public static CommandOutcome RequestReferral(
        WorkflowDefinition definition, CaseState state, string? rationale, Actor actor, DateTimeOffset now) =>
        Referral.Request(definition, state, rationale, actor, now);

    /// <summary>
    /// What bars <paramref name="actor"/> from approving a sign-off step under four-eyes (empty when
    /// nothing does), for queues that show the work before anyone tries to approve it.
    /// </summary>
    public static IReadOnlyList<string> FourEyesBars(WorkflowDefinition definition, CaseState state, string stepKey, Actor actor) =>
        definition.FindStep(stepKey) is { Kind: StepKind.SignOff } step ? FourEyes.OwnWork(step, state, actor) : [];

    /// <summary>
    /// What bars <paramref name="actor"/> from any decision on a sign-off step now (the case closed,
    /// the role, the step's state), empty when nothing does: a form can say so before it is filled in.
    /// </summary>
    public static IReadOnlyList<string> SignOffBars(WorkflowDefinition definition, CaseState state, string stepKey, Actor actor) =>
        definition.FindStep(stepKey) is { Kind: StepKind.SignOff } step
            ? SignOffCommand.Barred(state, step, actor, CaseEvaluator.Evaluate(definition, state))?.Reasons ?? []
            : [];

    public static CommandOutcome SignOff(
        WorkflowDefinition definition, CaseState state, string stepKey, string decision, string? rationale,
        IReadOnlyList<string> returnSteps, Actor actor, DateTimeOffset now) =>
        SignOffCommand.Run(definition, state, stepKey, decision, rationale, returnSteps, actor, now);

    public static CommandOutcome Classify(
        WorkflowDefinition definition, CaseState state, string category, string? rationale, Actor actor, DateTimeOffset now) =>
        ClassifyCommand.Run(definition, state, category, rationale, actor, now);

    public static CommandOutcome Close(
        WorkflowDefinition definition, CaseState state, string? rationale, Actor actor, DateTimeOffset now)
    {
        if (state.Closed) return Refusals.Closed();
        if (definition.StepDeciding(DecisionPurpose.Closure) is not { } step)
            return Refused.Because(RefusalKind.Conflict, "this workflow has no closure step");

        var reason = Rationale.Normalize(rationale);
        if (reason is null) return Refusals.Invalid(new Dictionary<string, string[]> { ["rationale"] = ["required"] });
        if (Rationale.IsPlaceholder(reason)) return Refusals.Invalid(new Dictionary<string, string[]> { ["rationale"] = [Rationale.PlaceholderRefusal] });
        if (!Roles.Satisfies(actor.Role, step.Role)) return Refusals.Role(step.Role, "close the case");

        var evaluation = CaseEvaluator.Evaluate(definition, state);
        if (!evaluation.CanClose)
        {
            // The unmet list is what the officer sees on the case page; refusing with exactly it
            // means the refusal never disagrees with the checklist.
            IReadOnlyList<string> reasons = evaluation.Unmet.Count > 0
                ? evaluation.Unmet
                : [Wording.NotActionable(evaluation[step.Key]!)];
            return new Refused(RefusalKind.Conflict, reasons, new Dictionary<string, string[]>());
        }

        var fields = new Dictionary<string, FieldValue> { ["rationale"] = new TextValue(reason) };
        return new Accepted([
            new StepCompleted(now, actor.Id, step.Key, fields, reason),
            new CaseClosed(now, actor.Id, reason),
        ]);
    }
}
