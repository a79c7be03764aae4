namespace ReviewWorkflow.Web.Workflows;

/// <summary>A workflow a new case can start on: the value of <c>workflow</c> in <c>POST /api/cases</c> is its key.</summary>
public sealed record WorkflowChoiceDto(string Key, int Version, string Title, string Description);

public static class WorkflowEndpoints
{
    public static void MapWorkflows(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/workflows", (WorkflowRegistry workflows) =>
                TypedResults.Ok(workflows.Choices.Select(d => new WorkflowChoiceDto(d.Key, d.Version, d.Title, d.Description)).ToList()))
            .WithTags("Workflows")
            .WithSummary("The workflows a new case can start on, each at its latest version")
            .RequireAuthorization(Policies.CreateCases);
}
