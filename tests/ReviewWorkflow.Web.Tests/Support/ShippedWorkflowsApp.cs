namespace ReviewWorkflow.Web.Tests.Support;

/// <summary>The app on the shipped workflows folder, as deployed: new cases start on the procedure's v2.</summary>
public sealed class ShippedWorkflowsApp : ReviewApp
{
    public ShippedWorkflowsApp() => WorkflowsPath = ShippedWorkflows;
}
