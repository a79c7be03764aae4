namespace ReviewWorkflow.Web.Steps;

public static class StepEndpoints
{
    public static void MapSteps(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/cases/{id:guid}/steps").WithTags("Steps").RequireAuthorization(Policies.Casework);

        group.MapGet("/{stepKey}", StepDetail.GetAsync).RequireVisibleCase();

        group.MapPost("/{stepKey}/complete", (Guid id, string stepKey, CompleteStepRequest request, CaseProcedure cases, CompleteStep complete,
            CurrentUser user, CancellationToken ct) =>
            cases.ChangeAsync(id, user, context => complete.RunAsync(context, stepKey, request.Fields ?? [], request.Note, user, ct), ct));

        group.MapStepPauses();
    }
}
