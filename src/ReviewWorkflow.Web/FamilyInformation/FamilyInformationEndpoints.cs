using Microsoft.AspNetCore.Http.HttpResults;
using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Web.Accounts;
using ReviewWorkflow.Web.Cases;
using ReviewWorkflow.Web.Data;

namespace ReviewWorkflow.Web.FamilyInformation;

/// <summary>
/// The family-and-friends register (F5, F9) over HTTP: every piece of information logged, actioned
/// and answered, by <see cref="FamilyInformationCommands"/> (which the register pages run too).
/// </summary>
public static class FamilyInformationEndpoints
{
    public static void MapFamilyInformation(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/cases/{id:guid}/family-information").WithTags("Family information")
            .RequireAuthorization(Policies.Casework);

        group.MapGet("/", async Task<Results<Ok<FamilyRegisterDto>, ProblemHttpResult>>
            (Guid id, ReviewDb db, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(await FamilyInformationCommands.RegisterAsync(db, id, clock.GetUtcNow(), ct))).RequireVisibleCase();

        group.MapGet("/{itemId:long}", async Task<Results<Ok<FamilyItemDto>, ProblemHttpResult>>
            (Guid id, long itemId, ReviewDb db, TimeProvider clock, CancellationToken ct) =>
            await FamilyInformationCommands.ItemAsync(db, id, itemId, clock.GetUtcNow(), ct) is { } item
                ? TypedResults.Ok(item)
                : TypedResults.Problem(FamilyInformationCommands.NoSuchItem(itemId), statusCode: StatusCodes.Status404NotFound, title: "Not found"))
            .RequireVisibleCase();

        group.MapPost("/", async Task<Results<Created<FamilyItemDto>, ProblemHttpResult, ValidationProblem>>
            (Guid id, LogFamilyInformationRequest request, CaseProcedure cases, FamilyInformationCommands register, ReviewDb db, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
        {
            var (outcome, item) = await cases.LoadAsync(id, user, ct) is { } context ? await register.LogAsync(context, request, user, ct) : new(new CaseNotFound(), null);
            if (item is null) return outcome.Failed<Created<FamilyItemDto>>("The family information is not valid");
            return TypedResults.Created($"/api/cases/{id}/family-information/{item.Id}", await FamilyInformationCommands.DtoAsync(db, item, clock.GetUtcNow(), ct));
        });

        group.MapPost("/{itemId:long}/actions", async Task<Results<Ok<FamilyItemDto>, ProblemHttpResult, ValidationProblem>>
            (Guid id, long itemId, FamilyActionRequest request, CaseProcedure cases, FamilyInformationCommands register, ReviewDb db, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
        {
            var (outcome, item) = await cases.LoadAsync(id, user, ct) is { } context ? await register.ActionAsync(context, itemId, request, user, ct) : new(new CaseNotFound(), null);
            return item is null ? outcome.Failed<Ok<FamilyItemDto>>("The action is not valid") : TypedResults.Ok(await FamilyInformationCommands.DtoAsync(db, item, clock.GetUtcNow(), ct));
        });

        group.MapPost("/{itemId:long}/response", async Task<Results<Ok<FamilyItemDto>, ProblemHttpResult, ValidationProblem>>
            (Guid id, long itemId, FamilyResponseRequest request, CaseProcedure cases, FamilyInformationCommands register, ReviewDb db, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
        {
            var (outcome, item) = await cases.LoadAsync(id, user, ct) is { } context ? await register.RespondAsync(context, itemId, request, user, ct) : new(new CaseNotFound(), null);
            return item is null ? outcome.Failed<Ok<FamilyItemDto>>("The response is not valid") : TypedResults.Ok(await FamilyInformationCommands.DtoAsync(db, item, clock.GetUtcNow(), ct));
        });
    }
}
