using Microsoft.AspNetCore.Http.HttpResults;

namespace ReviewWorkflow.Web.Cases;

public static class CaseEndpoints
{
    public static void MapCases(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/cases").WithTags("Cases").RequireAuthorization();

        group.MapPost("/", async Task<Results<Created<CaseDto>, ValidationProblem>>
            (CreateCaseRequest request, CaseCreation creation, CurrentUser user, CancellationToken ct) =>
        {
            var (context, errors) = await creation.CreateAsync(request, user, ct);
            if (context is null) return TypedResults.ValidationProblem(errors, title: "The case is not valid");
            return TypedResults.Created($"/api/cases/{context.Case.Id}", context.ToDto(context.Evaluate(), user.DisplayName));
        }).RequireAuthorization(Policies.CreateCases);

        group.MapGet("/{id:guid}", async Task<Results<Ok<CaseDto>, ProblemHttpResult>> (Guid id, CaseProcedure cases, CurrentUser user, CancellationToken ct) =>
            await cases.ReadAsync(id, user, ct) is { } read ? TypedResults.Ok(read.Context.ToDto(read.Evaluation, read.Context.OfficerName)) : CaseResults.NotFound());

        group.MapGet("/", CaseList.QueryAsync);

        group.MapPatch("/{id:guid}", (Guid id, PatchCaseRequest request, CaseProcedure cases, PatchFacts patch, CurrentUser user, CancellationToken ct) =>
            cases.ChangeAsync(id, user, context => patch.RunAsync(context, request, user, ct), ct)).RequireAuthorization(Policies.Casework);

        group.MapPost("/{id:guid}/classification", (Guid id, ClassificationRequest request, CaseProcedure cases, Classify classify, CurrentUser user, CancellationToken ct) =>
            cases.ChangeAsync(id, user, context => classify.RunAsync(context, request, user, ct), ct)).RequireAuthorization(Policies.Casework);

        group.MapPost("/{id:guid}/close", (Guid id, CloseRequest request, CaseProcedure cases, Close close, CurrentUser user, CancellationToken ct) =>
            cases.ChangeAsync(id, user, context => close.RunAsync(context, request, user, ct), ct)).RequireAuthorization(Policies.Casework);
    }
}
