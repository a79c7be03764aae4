using Microsoft.AspNetCore.Http.HttpResults;

namespace ReviewWorkflow.Web.Workflows;

public static class MigrationEndpoints
{
    public static void MapMigrations(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/admin/migrations", async Task<Results<Ok<MigrationReport>, ValidationProblem>>
                (MigrationRequest request, CaseMigration migration, CurrentUser user, CancellationToken ct) =>
            {
                var (report, errors) = await migration.RunAsync(request, user, ct);
                return report is null ? TypedResults.ValidationProblem(errors, title: "The migration is not valid") : TypedResults.Ok(report);
            })
            .WithTags("Workflows")
            .WithSummary("Moves open cases from one workflow version to another: a dry run unless apply is true")
            .RequireAuthorization(Policies.Admin);

        routes.MapPost("/api/cases/{id:guid}/workflow", async Task<Results<Ok<CaseMigrationDto>, ProblemHttpResult, ValidationProblem>>
                (Guid id, CaseMigrationRequest request, CaseMigration migration, CurrentUser user, CancellationToken ct) =>
            {
                string? forbidden = null;
                var (result, errors) = await migration.RunOneAsync(id, request, user, why => forbidden = why, ct);
                if (forbidden is not null) return CaseResults.Problem(StatusCodes.Status403Forbidden, "Not allowed", [forbidden]);
                if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The move is not valid");
                if (result is null) return CaseResults.NotFound();
                return request.Apply && !result.Applied
                    ? CaseResults.Problem(StatusCodes.Status409Conflict, "Refused by the procedure", result.Refusals)
                    : TypedResults.Ok(result);
            })
            .WithTags("Workflows")
            .WithSummary("A supervisor moves the case to the latest version of a workflow: a dry run unless apply is true")
            .RequireAuthorization(Policies.Casework);
    }
}
