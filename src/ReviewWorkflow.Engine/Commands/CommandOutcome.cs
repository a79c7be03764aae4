namespace ReviewWorkflow.Engine.Commands;

/// <summary>What a command decided: the events to record, or a refusal with its reasons.</summary>
public abstract record CommandOutcome;

public sealed record Accepted(IReadOnlyList<CaseEvent> Events) : CommandOutcome;

/// <summary>
/// <c>Invalid</c>: bad input (field errors keyed by field path). <c>Forbidden</c>: this actor may not
/// (role, four-eyes). <c>Conflict</c>: the procedure does not allow it now (unmet requirements).
/// <c>NotFound</c>: no such step.
/// </summary>
public sealed record Refused(
    RefusalKind Kind,
    IReadOnlyList<string> Reasons,
    IReadOnlyDictionary<string, string[]> FieldErrors) : CommandOutcome
{
    public static Refused Because(RefusalKind kind, params string[] reasons) =>
        new(kind, reasons, new Dictionary<string, string[]>());
}

public enum RefusalKind { Invalid, Forbidden, Conflict, NotFound }

public abstract record CaseEvent(DateTimeOffset At, string ActorId);

public sealed record StepCompleted(
    DateTimeOffset At, string ActorId, string StepKey,
    IReadOnlyDictionary<string, FieldValue> Fields, string? Note) : CaseEvent(At, ActorId);

/// <summary>Work inside a step that is not its completion (a linkage disposition, say); counts for four-eyes.</summary>
public sealed record StepContributed(
    DateTimeOffset At, string ActorId, string StepKey,
    IReadOnlyDictionary<string, FieldValue> Fields, string Note) : CaseEvent(At, ActorId);

public sealed record StepsReturned(
    DateTimeOffset At, string ActorId, string SignOffStepKey,
    IReadOnlyList<string> Steps, string Reason) : CaseEvent(At, ActorId);

public sealed record CaseClassified(
    DateTimeOffset At, string ActorId, string From, string To, string Rationale) : CaseEvent(At, ActorId);

public sealed record CaseClosed(DateTimeOffset At, string ActorId, string Rationale) : CaseEvent(At, ActorId);

/// <summary>Who owns the investigation now: the owner the homicide command named, or null (the team).</summary>
public sealed record CaseOwnerChanged(DateTimeOffset At, string ActorId, string? Owner) : CaseEvent(At, ActorId);

/// <summary>A supervisor asked for a homicide referral; the referral step applies from now on.</summary>
public sealed record ReferralRequested(DateTimeOffset At, string ActorId, string StepKey, string Rationale) : CaseEvent(At, ActorId);

/// <summary>A step's pause asked for, decided or ended (<see cref="Pauses"/>): recorded as an activity of that kind.</summary>
public sealed record StepPauseChanged(
    DateTimeOffset At, string ActorId, string StepKey, ActivityKind Kind,
    IReadOnlyDictionary<string, FieldValue> Fields, string? Note) : CaseEvent(At, ActorId);
