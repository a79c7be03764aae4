using Microsoft.AspNetCore.Http.HttpResults;

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

        group.MapPost("/", (Guid id, LogFamilyInformationRequest request, CaseProcedure cases, FamilyInformationCommands register,
            ReviewDb db, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
            ChangeAsync(cases.LoadAsync(id, user, ct), context => register.LogAsync(context, request, user, ct), "The family information is not valid",
                dto => TypedResults.Created($"/api/cases/{id}/family-information/{dto.Id}", dto), db, clock, ct));

        group.MapPost("/{itemId:long}/actions", (Guid id, long itemId, FamilyActionRequest request, CaseProcedure cases, FamilyInformationCommands register,
            ReviewDb db, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
            ChangeAsync(cases.LoadAsync(id, user, ct), context => register.ActionAsync(context, itemId, request, user, ct), "The action is not valid",
                TypedResults.Ok, db, clock, ct));

        group.MapPost("/{itemId:long}/response", (Guid id, long itemId, FamilyResponseRequest request, CaseProcedure cases, FamilyInformationCommands register,
            ReviewDb db, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
            ChangeAsync(cases.LoadAsync(id, user, ct), context => register.RespondAsync(context, itemId, request, user, ct), "The response is not valid",
                TypedResults.Ok, db, clock, ct));
    }

    /// <summary>A register change over HTTP: on the route's case (404 when missing or another team's), answered with the item as it now is.</summary>
    private static async Task<Results<T, ProblemHttpResult, ValidationProblem>> ChangeAsync<T>(Task<CaseContext?> load,
        Func<CaseContext, Task<FamilyOutcome>> change, string invalidTitle, Func<FamilyItemDto, T> done, ReviewDb db, TimeProvider clock,
        CancellationToken ct) where T : IResult
    {
        var (outcome, item) = await load is { } context ? await change(context) : new(new CaseNotFound(), null);
        return item is null ? outcome.Failed<T>(invalidTitle) : done(await FamilyInformationCommands.DtoAsync(db, item, clock.GetUtcNow(), ct));
    }
}
