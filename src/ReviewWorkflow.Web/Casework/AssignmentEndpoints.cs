using Microsoft.AspNetCore.Http.HttpResults;

namespace ReviewWorkflow.Web.Casework;

/// <summary>Reassignment of a case's work, and handovers, over HTTP (the assignment and handover pages run the same use cases).</summary>
public static class AssignmentEndpoints
{
    public static void MapAssignment(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/cases/{id:guid}/assignment", (Guid id, AssignmentRequest request, CaseProcedure cases, Reassignment reassignment,
                CurrentUser user, CancellationToken ct) =>
                CaseworkEndpoints.ChangeAsync(cases.LoadAsync(id, user, ct), context => reassignment.RunAsync(context, request, user, ct),
                    "The reassignment is not valid", done => Task.FromResult(TypedResults.Ok(done))))
            .WithTags("Handover and reassignment").RequireAuthorization(Policies.Casework);

        var handovers = routes.MapGroup("/api/handovers").WithTags("Handover and reassignment").RequireAuthorization(Policies.Casework);

        handovers.MapGet("/", async (ReviewDb db, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(await Handovers.ListAsync(db, user, clock.GetUtcNow(), ct)));

        handovers.MapPost("/", async Task<Results<Created<HandoverDto>, ProblemHttpResult, ValidationProblem>> (HandoverRequest request,
            Handovers handovers, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
            await handovers.RequestAsync(request, user, ct) is var outcome && outcome.Handover is { } h
                ? TypedResults.Created($"/api/handovers/{h.Id}", HandoverDto.From(h, clock.GetUtcNow()))
                : outcome.Refused!.Failed<Created<HandoverDto>>("The handover is not valid"));

        handovers.MapPost("/{handoverId:long}/approval", async Task<Results<Ok<HandoverDto>, ProblemHttpResult, ValidationProblem>> (long handoverId,
            Handovers handovers, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
            await handovers.ApproveAsync(handoverId, user, ct) is var outcome && outcome.Handover is { } h
                ? TypedResults.Ok(HandoverDto.From(h, clock.GetUtcNow()))
                : outcome.Refused!.Failed<Ok<HandoverDto>>("The approval is not valid"));
    }
}
