namespace ReviewWorkflow.Web.Infrastructure;

public static class DatabaseSetup
{
    public static string ResolveConnectionString(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetConnectionString("Default");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        throw new InvalidOperationException("LocalPostgres not wired yet");
    }
}
