using Microsoft.AspNetCore.Http.HttpResults;
using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Web.Accounts;
using ReviewWorkflow.Web.Cases;
using ReviewWorkflow.Web.Data;
using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Web.Steps;

public static class StepEndpoints
{
    public static void MapSteps(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/cases/{id:guid}/steps").WithTags("Steps").RequireAuthorization(Policies.Casework).RequireVisibleCase();

        group.MapGet("/{stepKey}", StepDetail.GetAsync);

        group.MapPost("/{stepKey}/complete", async Task<Results<Ok<CaseDto>, ProblemHttpResult, ValidationProblem>>
            (Guid id, string stepKey, CompleteStepRequest request, CaseProcedure procedure, ReviewDb db, WorkflowRegistry workflows, Linkage.LinkageCheck linkage, CurrentUser user, HttpContext http, CancellationToken ct) =>
        {
            if (request.Note is { Length: > CaseLimits.Rationale })
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["note"] = [$"at most {CaseLimits.Rationale} characters"] });
            var seen = http.Seen(id);
            var (fields, userErrors) = await UserFields.ResolveAsync(db, workflows, id, stepKey, request.Fields ?? [], user, ct, seen);
            if (userErrors.Count > 0) return TypedResults.ValidationProblem(userErrors, title: "The request is not valid");
            var outcome = await procedure.RunAsync(id, user, "step.completed", (context, now) =>
                Procedure.Complete(context.Definition, context.State, stepKey, fields, request.Note, user.ToActor(), now), ct,
                within: linkage.WhenIdentifiersChange(user, stepKey));
            return await outcome.ToHttpAsync(db, seen, ct);
        });

        group.MapPost("/{stepKey}/sign-off", async Task<Results<Ok<CaseDto>, ProblemHttpResult, ValidationProblem>>
            (Guid id, string stepKey, SignOffRequest request, CaseProcedure procedure, ReviewDb db, CurrentUser user, HttpContext http, CancellationToken ct) =>
        {
            if (request.Rationale is { Length: > CaseLimits.Rationale })
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["rationale"] = [$"at most {CaseLimits.Rationale} characters"] });
            var outcome = await procedure.RunAsync(id, user, request.Decision == "return" ? "step.returned" : "step.signed-off", (context, now) =>
                Procedure.SignOff(context.Definition, context.State, stepKey, request.Decision ?? "", request.Rationale,
                    request.ReturnSteps ?? [], user.ToActor(), now), ct);
            return await outcome.ToHttpAsync(db, http.Seen(id), ct);
        });
    }
}
