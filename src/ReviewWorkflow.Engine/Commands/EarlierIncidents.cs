namespace ReviewWorkflow.Engine.Commands;

/// <summary>
/// The check of earlier incidents at a case's address. The application finds them (the same address, or a place within
/// 50 m, of a death found earlier); the officer confirms each by its reference when completing the step. An earlier case
/// recorded after the check was done sends the check back to its officer (<see cref="Reopen"/>), as a sign-off's return
/// would, with the new case's reference as the reason: on a closed case that puts the case back on the review list.
/// </summary>
public static class EarlierIncidents
{
    public const string StepKey = "previous-incidents", IncidentsField = "incidents", ReturnedBy = "previous-incidents";

    /// <summary>Errors for the references the answers do not confirm (keyed as the step's field errors are).</summary>
    public static Dictionary<string, string[]> Unconfirmed(IEnumerable<string> confirmed, IEnumerable<string> found)
    {
        var given = confirmed.Select(i => i.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = found.Where(r => !given.Contains(r)).ToList();
        return missing.Count == 0 ? [] : new() { [$"fields.{IncidentsField}"] = [.. missing.Select(r => $"confirm the earlier case {r} listed for this address")] };
    }

    /// <summary>The completed check sent back because an earlier case at the address was recorded after it.</summary>
    public static CommandOutcome Reopen(WorkflowDefinition definition, CaseState state, string reference, Actor actor, DateTimeOffset now) =>
        Reopen(definition, state, [reference], "an earlier case at this address was recorded after the check", actor, now);

    /// <summary>
    /// The completed check sent back for the earlier cases it does not list (<paramref name="why"/>: how they came to match,
    /// a late record or a corrected place); refused when it is not completed or lists them all.
    /// </summary>
    public static CommandOutcome Reopen(WorkflowDefinition definition, CaseState state, IReadOnlyList<string> references, string why, Actor actor, DateTimeOffset now)
    {
        if (definition.FindStep(StepKey) is null) return Refusals.UnknownStep(StepKey);
        var status = CaseEvaluator.Evaluate(definition, state)[StepKey]!;
        if (status.State != StepState.Completed) return Refused.Because(RefusalKind.Conflict, $"{StepKey} is not completed");
        var listed = status.Completion!.Fields.GetValueOrDefault(IncidentsField) is ListValue l ? l.Items : [];
        var missing = references.Where(r => !listed.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count == 0) return Refused.Because(RefusalKind.Conflict, $"{string.Join(", ", references)} confirmed already");
        return new Accepted([new StepsReturned(now, actor.Id, ReturnedBy, [StepKey], $"{why}: {string.Join(", ", missing)}")]);
    }
}
