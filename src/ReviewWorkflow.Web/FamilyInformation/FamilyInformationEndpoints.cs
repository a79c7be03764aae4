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
            .RequireAuthorization(Policies.Casework).RequireVisibleCase();

        group.MapGet("/", async Task<Results<Ok<FamilyRegisterDto>, ProblemHttpResult>>
            (Guid id, ReviewDb db, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(await FamilyInformationCommands.RegisterAsync(db, id, clock.GetUtcNow(), ct)));

        group.MapGet("/{itemId:long}", async Task<Results<Ok<FamilyItemDto>, ProblemHttpResult>>
            (Guid id, long itemId, ReviewDb db, TimeProvider clock, CancellationToken ct) =>
            await FamilyInformationCommands.ItemAsync(db, id, itemId, clock.GetUtcNow(), ct) is { } item
                ? TypedResults.Ok(item)
                : TypedResults.Problem(FamilyInformationCommands.NoSuchItem(itemId), statusCode: StatusCodes.Status404NotFound, title: "Not found"));

        group.MapPost("/", async Task<Results<Created<FamilyItemDto>, ProblemHttpResult, ValidationProblem>>
            (Guid id, LogFamilyInformationRequest request, CaseProcedure procedure, ReviewDb db, CurrentUser user, TimeProvider clock, Linkage.LinkageCheck linkage, CancellationToken ct) =>
        {
            var (outcome, item) = await FamilyInformationCommands.LogAsync(id, request, procedure, db, user, clock, linkage, ct);
            if (outcome is not CaseDone) return Failed<Created<FamilyItemDto>>(outcome, "The family information is not valid");
            return TypedResults.Created($"/api/cases/{id}/family-information/{item!.Id}", await FamilyInformationCommands.DtoAsync(db, item, clock.GetUtcNow(), ct));
        });

        group.MapPost("/{itemId:long}/actions", async Task<Results<Ok<FamilyItemDto>, ProblemHttpResult, ValidationProblem>>
            (Guid id, long itemId, FamilyActionRequest request, CaseProcedure procedure, ReviewDb db, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
        {
            var (outcome, item) = await FamilyInformationCommands.ActionAsync(id, itemId, request, procedure, db, user, ct);
            if (outcome is not CaseDone) return Failed<Ok<FamilyItemDto>>(outcome, "The action is not valid");
            return TypedResults.Ok(await FamilyInformationCommands.DtoAsync(db, item!, clock.GetUtcNow(), ct));
        });

        group.MapPost("/{itemId:long}/response", async Task<Results<Ok<FamilyItemDto>, ProblemHttpResult, ValidationProblem>>
            (Guid id, long itemId, FamilyResponseRequest request, CaseProcedure procedure, ReviewDb db, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
        {
            var (outcome, item) = await FamilyInformationCommands.RespondAsync(id, itemId, request, procedure, db, user, clock, ct);
            if (outcome is not CaseDone) return Failed<Ok<FamilyItemDto>>(outcome, "The response is not valid");
            return TypedResults.Ok(await FamilyInformationCommands.DtoAsync(db, item!, clock.GetUtcNow(), ct));
        });
    }

    private static Results<T, ProblemHttpResult, ValidationProblem> Failed<T>(CaseOutcome outcome, string invalidTitle) where T : IResult => outcome switch
    {
        CaseRefused { Refusal: { Kind: RefusalKind.Invalid } invalid } => TypedResults.ValidationProblem(
            invalid.FieldErrors, detail: string.Join("; ", invalid.Reasons), title: invalidTitle),
        CaseRefused { Refusal: { Kind: RefusalKind.NotFound } missing } =>
            CaseResults.Problem(StatusCodes.Status404NotFound, "Not found", missing.Reasons),
        CaseRefused { Refusal: { Kind: RefusalKind.Forbidden } forbidden } =>
            CaseResults.Problem(StatusCodes.Status403Forbidden, "Not allowed", forbidden.Reasons),
        CaseRefused { Refusal: var refusal } => CaseResults.Problem(StatusCodes.Status409Conflict, "Refused by the procedure", refusal.Reasons),
        _ => CaseResults.NotFound(),
    };
}
