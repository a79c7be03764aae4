namespace ReviewWorkflow.Web.Infrastructure;

public static class DatabaseSetup
{
    /// <summary>
    /// The configured connection string; without one, a private PostgreSQL cluster in the
    /// repository's <c>.data/postgres</c> (or <c>Database:LocalDataDirectory</c>), which the caller
    /// stops when the app stops.
    /// </summary>
    public static (string ConnectionString, LocalPostgres? Local) Resolve(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetConnectionString("Default");
        if (!string.IsNullOrWhiteSpace(configured)) return (configured, null);

        var directory = builder.Configuration["Database:LocalDataDirectory"] ?? DefaultDataDirectory(builder.Environment.ContentRootPath);
        using var loggerFactory = LoggerFactory.Create(l => l.AddConsole());
        var local = LocalPostgres.Start(new LocalPostgresOptions(directory), loggerFactory.CreateLogger("LocalPostgres"));
        builder.Configuration["ConnectionStrings:Default"] = local.ConnectionString;
        return (local.ConnectionString, local);
    }

    // Beside workflows/ at the repository root, not under the project folder that `dotnet run` uses as content root.
    private static string DefaultDataDirectory(string contentRoot)
    {
        var workflows = RepositoryFolders.Find("workflows", contentRoot);
        var root = workflows is null ? contentRoot : Path.GetDirectoryName(workflows)!;
        return Path.Combine(root, ".data", "postgres");
    }
}
