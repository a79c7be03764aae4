using ReviewWorkflow.LocalCluster;
namespace ReviewWorkflow.Web.Infrastructure;

public static class DatabaseSetup
{
    /// <summary>
    /// The configured connection string; without one, a private PostgreSQL cluster in the
    /// repository's <c>.data/postgres</c> (or <c>Database:LocalDataDirectory</c>), which the caller
    /// stops when the app stops (unless another running process of the app started it).
    /// </summary>
    public static (string ConnectionString, LocalPostgres? Local) Resolve(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetConnectionString("Default");
        if (!string.IsNullOrWhiteSpace(configured)) return (configured, null);

        var directory = builder.Configuration["Database:LocalDataDirectory"] ?? DefaultDataDirectory(builder.Environment.ContentRootPath);
        using var loggerFactory = LoggerFactory.Create(l => l.AddConsole());
        // Supervised: after a crash of the server (kill -9, OOM killer) it comes back on the same port.
        // Beside a running app (verify-audit, import-deaths) this connects to the app's server instead.
        var local = LocalPostgres.Start(new LocalPostgresOptions(directory, Supervise: true), loggerFactory.CreateLogger("LocalPostgres"));
        builder.Configuration["ConnectionStrings:Default"] = local.ConnectionString;
        return (local.ConnectionString, local);
    }

    /// <summary>
    /// Statements the app runs again and again (a case's load, a step's update) are prepared once per
    /// connection instead of parsed and planned on every call (bench/run.sh throughput: PostgreSQL's
    /// CPU per case read fell from about 1.7 to 1.0 ms, with the connection kept for the request).
    /// Pooled connections keep their prepared statements. A connection string that sets Max Auto
    /// Prepare itself is left as it is.
    /// A connection returned to the pool is not reset either: the reset is six statements (RESET ALL,
    /// CLOSE ALL, UNLISTEN, advisory unlock, DISCARD SEQUENCES and TEMP) that PostgreSQL runs before the
    /// next request's first query, and the app leaves nothing for them to undo: no session settings
    /// (only SET LOCAL and set_config(..., true)), no session advisory locks, cursors, LISTEN or
    /// temporary tables. Hangfire's connections are a separate pool and are reset as usual.
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare > 0) return connectionString;
        builder.MaxAutoPrepare = 100;
        builder.AutoPrepareMinUsages = 2;
        builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    // Beside workflows/ at the repository root, not under the project folder that `dotnet run` uses as content root.
    private static string DefaultDataDirectory(string contentRoot)
    {
        var workflows = RepositoryFolders.Find("workflows", contentRoot);
        var root = workflows is null ? contentRoot : Path.GetDirectoryName(workflows)!;
        return Path.Combine(root, ".data", "postgres");
    }
}
