namespace ReviewWorkflow.Web.Tests.Support;

/// <summary>The app as deployed: new cases start on the latest version of their workflow (the procedure's v2).</summary>
public sealed class ShippedWorkflowsApp : ReviewApp
{
    public ShippedWorkflowsApp() => Settings.Remove(StartOnV1.Key);
}
