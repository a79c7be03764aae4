using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Evaluation;
using ReviewWorkflow.Web.Accounts;
using ReviewWorkflow.Web.Data;

namespace ReviewWorkflow.Web.Cases;

public static class CaseEndpoints
{
    public static void MapCases(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/cases").WithTags("Cases").RequireAuthorization();

        group.MapPost("/", async Task<Results<Created<CaseDto>, ValidationProblem>>
            (CreateCaseRequest request, CaseCreation creation, ReviewDb db, CurrentUser user, CancellationToken ct) =>
        {
            var (context, errors) = await creation.CreateAsync(request, user, ct);
            if (context is null) return TypedResults.ValidationProblem(errors, title: "The case is not valid");
            return TypedResults.Created($"/api/cases/{context.Case.Id}", context.ToDto(context.Evaluate(), user.DisplayName));
        }).RequireAuthorization(Policies.CreateCases);

        group.MapGet("/{id:guid}", async Task<Results<Ok<CaseDto>, ProblemHttpResult>>
            (Guid id, CaseProcedure procedure, ReviewDb db, CurrentUser user, CancellationToken ct) =>
        {
            if (await procedure.ReadAsync(id, user, ct) is not { Context: var context, Evaluation: var evaluation }) return CaseResults.NotFound();
            return TypedResults.Ok(context.ToDto(evaluation, context.OfficerName ?? await CaseResults.OfficerNameAsync(db, context.Case.OfficerId, ct)));
        });

        group.MapGet("/", CaseList.QueryAsync);

        group.MapPatch("/{id:guid}", async Task<Results<Ok<CaseDto>, ProblemHttpResult, ValidationProblem>>
            (Guid id, PatchCaseRequest request, CaseProcedure procedure, Linkage.LinkageCheck linkage, ReviewDb db, CurrentUser user, CancellationToken ct) =>
        {
            var errors = CaseValidation.Validate(request);
            if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The facts are not valid");
            var outcome = await procedure.ChangeAsync(id, user, "case.facts-added", (context, now) =>
            {
                var c = context.Case;
                var substances = NewFacts.Distinct(request.Substances).Where(s => !c.Substances.Contains(s, StringComparer.OrdinalIgnoreCase)).ToList();
                var markers = NewFacts.Distinct(request.Markers).Where(m => !c.Markers.Contains(m, StringComparer.OrdinalIgnoreCase)).ToList();
                var persons = NewFacts.People(c.Id, request.Persons, now);
                // After closure new facts are new information: kept, and the case flagged for a supervisor to look at again.
                if (c.Status == CaseStatus.Closed) c.NeedsReview = true;
                // New lists rather than in-place adds, so EF sees the array columns change.
                c.Substances = [.. c.Substances, .. substances];
                c.Markers = [.. c.Markers, .. markers];
                c.Persons.AddRange(persons);
                return new { substances, markers, persons = persons.Select(p => new { p.Role }).ToList(), needsReview = c.NeedsReview };
            }, ct, within: async (context, now, token) =>
            {
                // New facts are compared again with every recorded death (a toxicology result can make the link).
                var run = await linkage.RunAsync(context.Case, context.Definition, now, token);
                return t => linkage.RecordAsync(run, user, now, t);
            });
            return await outcome.ToHttpAsync(db, ct);
        }).RequireAuthorization(Policies.Casework).RequireVisibleCase();

        group.MapPost("/{id:guid}/classification", async Task<Results<Ok<CaseDto>, ProblemHttpResult, ValidationProblem>>
            (Guid id, ClassificationRequest request, CaseProcedure procedure, ReviewDb db, CurrentUser user, CancellationToken ct) =>
        {
            if (request.Rationale is { Length: > CaseLimits.Rationale })
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["rationale"] = [$"at most {CaseLimits.Rationale} characters"] });
            var outcome = await procedure.RunAsync(id, user, "case.classified", (context, now) =>
                Procedure.Classify(context.Definition, context.State, request.Category ?? "", request.Rationale, user.ToActor(), now), ct);
            return await outcome.ToHttpAsync(db, ct);
        }).RequireAuthorization(Policies.Casework).RequireVisibleCase();

        group.MapPost("/{id:guid}/close", async Task<Results<Ok<CaseDto>, ProblemHttpResult, ValidationProblem>>
            (Guid id, CloseRequest request, CaseProcedure procedure, ReviewDb db, CurrentUser user, CancellationToken ct) =>
        {
            if (request.Rationale is { Length: > CaseLimits.Rationale })
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["rationale"] = [$"at most {CaseLimits.Rationale} characters"] });
            var outcome = await procedure.RunAsync(id, user, "case.closed", (context, now) =>
                Procedure.Close(context.Definition, context.State, request.Rationale, user.ToActor(), now), ct);
            return await outcome.ToHttpAsync(db, ct);
        }).RequireAuthorization(Policies.Casework).RequireVisibleCase();
    }
}
