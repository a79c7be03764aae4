using ReviewWorkflow.Engine.Commands;

namespace ReviewWorkflow.Web.Steps;

/// <summary><c>POST …/steps/{stepKey}/pause</c>: the officer asks to pause a step waiting on others, until the date given.</summary>
public sealed record PauseRequest(string? Reason, DateTimeOffset? Until);

/// <summary><c>POST …/steps/{stepKey}/pause/decision</c>: a supervisor approves or refuses the pause asked for.</summary>
public sealed record PauseDecisionRequest(string? Decision, string? Rationale);

/// <summary>
/// Step pauses over HTTP: the engine decides (<see cref="Pauses"/>) and computes the deadlines; the activity, the
/// step table (its deadline and escalation time) and the audit event are saved as for any command.
/// </summary>
public static class StepPauses
{
    public static void MapStepPauses(this RouteGroupBuilder steps)
    {
        steps.MapPost("/{stepKey}/pause", (Guid id, string stepKey, PauseRequest request, CaseProcedure cases, CurrentUser user, CancellationToken ct) =>
            cases.ChangeAsync(id, user, context => cases.DecideAsync(context, user, "step.pause-requested",
                now => Pauses.Request(context.Definition, context.State, stepKey, request.Reason, request.Until, user.ToActor(), now), ct), ct));

        steps.MapPost("/{stepKey}/pause/decision", (Guid id, string stepKey, PauseDecisionRequest request, CaseProcedure cases, CurrentUser user, CancellationToken ct) =>
            cases.ChangeAsync(id, user, context => cases.DecideAsync(context, user, "step.pause-decided",
                now => Pauses.Decide(context.Definition, context.State, stepKey, request.Decision, request.Rationale, user.ToActor(), now), ct), ct));

        steps.MapPost("/{stepKey}/pause/end", (Guid id, string stepKey, CaseProcedure cases, CurrentUser user, CancellationToken ct) =>
            cases.ChangeAsync(id, user, context => cases.DecideAsync(context, user, "step.pause-ended",
                now => Pauses.End(context.Definition, context.State, stepKey, user.ToActor(), now), ct), ct));
    }
}

/// <summary>A step's pause as the API shows it: pending (awaiting a supervisor), approved, or ended.</summary>
public sealed record StepPauseDto(string Reason, DateTimeOffset Until, string RequestedBy, DateTimeOffset RequestedAt,
    string? ApprovedBy, DateTimeOffset? ApprovedAt, DateTimeOffset? EndedAt, DateTimeOffset RestartsAt)
{
    public static StepPauseDto? From(StepPause? p) =>
        p is null ? null : new(p.Reason, p.Until, p.RequestedBy, p.RequestedAt, p.ApprovedBy, p.ApprovedAt, p.EndedAt, p.RestartsAt);
}
