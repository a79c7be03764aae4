using Microsoft.AspNetCore.Http.HttpResults;

namespace ReviewWorkflow.Web.Linkage;

public static class LinkageEndpoints
{
    public static void MapLinkage(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/cases/{id:guid}/linkage").WithTags("Linkage").RequireAuthorization(Policies.Casework);

        group.MapGet("/", async Task<Ok<LinkageDto>> (Guid id, ReviewDb db, CancellationToken ct) =>
            TypedResults.Ok(await Disposition.CandidatesAsync(db, id, ct))).RequireVisibleCase();

        group.MapPost("/{candidateCaseId:guid}/disposition", async Task<Results<Ok<LinkageCandidateDto>, ProblemHttpResult, ValidationProblem>>
            (Guid id, Guid candidateCaseId, DispositionRequest request, CaseProcedure cases, Disposition disposition, CurrentUser user, CancellationToken ct) =>
        {
            if (await cases.LoadAsync(id, user, ct) is not { } context) return CaseResults.NotFound();
            var (outcome, candidate) = await disposition.RunAsync(context, candidateCaseId, request, user, ct);
            return candidate is not null ? TypedResults.Ok(candidate) : outcome.Failed<Ok<LinkageCandidateDto>>();
        });
    }
}
