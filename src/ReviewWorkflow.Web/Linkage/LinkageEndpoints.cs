using Microsoft.AspNetCore.Http.HttpResults;
using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Web.Accounts;
using ReviewWorkflow.Web.Cases;
using ReviewWorkflow.Web.Data;

namespace ReviewWorkflow.Web.Linkage;

public static class LinkageEndpoints
{
    public static void MapLinkage(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/cases/{id:guid}/linkage").WithTags("Linkage")
            .RequireAuthorization(Policies.Casework).RequireVisibleCase();

        group.MapGet("/", async Task<Ok<LinkageDto>> (Guid id, ReviewDb db, CancellationToken ct) =>
            TypedResults.Ok(await LinkageDecisions.ListAsync(db, id, ct)));

        group.MapPost("/{candidateCaseId:guid}/disposition", async Task<Results<Ok<LinkageCandidateDto>, ProblemHttpResult, ValidationProblem>>
            (Guid id, Guid candidateCaseId, DispositionRequest request, CaseProcedure procedure, ReviewDb db, CurrentUser user,
             IConfiguration configuration, CancellationToken ct) =>
        {
            var (outcome, candidate) = await LinkageDecisions.DecideAsync(id, candidateCaseId, request, procedure, db, user, configuration, ct);
            return outcome switch
            {
                CaseDone => TypedResults.Ok(candidate!),
                CaseNotFound => CaseResults.NotFound(),
                CaseRefused { Refusal: { Kind: RefusalKind.NotFound } missing } =>
                    TypedResults.Problem(string.Join("; ", missing.Reasons), statusCode: StatusCodes.Status404NotFound, title: "Not found"),
                CaseRefused refused => refused.Refusal.ToHttp() switch
                {
                    { Result: ProblemHttpResult p } => p,
                    { Result: ValidationProblem v } => v,
                    _ => throw new InvalidOperationException("unexpected refusal"),
                },
                _ => throw new InvalidOperationException("unknown outcome"),
            };
        });
    }
}
