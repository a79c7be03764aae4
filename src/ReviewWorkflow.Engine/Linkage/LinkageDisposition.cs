using ReviewWorkflow.Engine.Commands;

namespace ReviewWorkflow.Engine.Linkage;

/// <summary>A stored candidate as the disposition command needs it.</summary>
public sealed record CandidateView(string Reference, string? Decision);

/// <summary>
/// Every linkage candidate is decided, linked or not linked, with a written reason (F8, F10).
/// Allowed whatever the linkage step's state and even on a closed case: candidates arrive when a
/// later death matches, and deciding them is exactly what a closed case must still allow.
/// </summary>
public static class LinkageDisposition
{
    public const string Linked = "linked", NotLinked = "not-linked";

    public static CommandOutcome Decide(
        WorkflowDefinition definition, CaseState state, CandidateView candidate, string? decision, string? rationale,
        Actor actor, DateTimeOffset now)
    {
        if (definition.StepOfKind(StepKind.Linkage) is not { } step)
            return Refused.Because(RefusalKind.Conflict, "this workflow has no linkage step");

        var normalized = decision?.Trim().ToLowerInvariant();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (normalized is not (Linked or NotLinked)) errors["decision"] = [Wording.Choices([Linked, NotLinked])];
        if (Rationale.Problem(rationale, Math.Max(1, step.RationaleMinLength)) is { } problem) errors["rationale"] = [problem];
        if (errors.Count > 0) return Refusals.Invalid(errors);

        if (!Roles.Satisfies(actor.Role, step.Role)) return Refusals.Role(step.Role, "disposition a linkage candidate");
        // A decision is a record others have relied on (a referral, a notification); it is not overwritten.
        if (candidate.Decision is { } made)
            return Refused.Because(RefusalKind.Conflict, $"linkage candidate {candidate.Reference} is already dispositioned as {made}");

        var reason = Rationale.Normalize(rationale)!;
        var fields = new Dictionary<string, FieldValue>
        {
            ["candidate"] = new TextValue(candidate.Reference),
            ["decision"] = new ChoiceValue(normalized!),
            ["rationale"] = new TextValue(reason),
        };
        return new Accepted([new StepContributed(now, actor.Id, step.Key, fields,
            $"dispositioned linkage candidate {candidate.Reference} as {normalized}")]);
    }
}
