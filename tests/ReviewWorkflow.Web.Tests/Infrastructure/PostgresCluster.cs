using ReviewWorkflow.LocalCluster;
using System.Text;
using Npgsql;
using ReviewWorkflow.Web.Infrastructure;

namespace ReviewWorkflow.Web.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL cluster for the whole test run, shared by every test class that asks for
/// this fixture; each test takes its own fresh database from it with <see cref="CreateDatabaseAsync"/>.
/// </summary>
/// <remarks>
/// Use it as <c>IClassFixture&lt;PostgresCluster&gt;</c> (classes still run in parallel) or put a class
/// in <c>[Collection(PostgresCluster.Collection)]</c> (its tests then run one at a time with the
/// other classes of that collection). Either way the cluster starts once, on first use, because it
/// is held statically: xunit 2 has no assembly fixtures, and a cluster per class would cost an
/// initdb each. It stops when the test process exits (LocalPostgres stops itself on ProcessExit, and
/// a watchdog removes it if the process is killed), so this class need not be disposed.
/// </remarks>
public sealed class PostgresCluster
{
    public const string Collection = "PostgreSQL";

    private static readonly Lazy<LocalPostgres> SharedServer = new(StartServer, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _databaseCounter;

    /// <summary>The shared server (started on first use).</summary>
    public LocalPostgres Server => SharedServer.Value;

    /// <summary>Whether PostGIS can be created in this cluster's databases.</summary>
    public bool PostGisAvailable => Server.PostGisAvailable;

    /// <summary>
    /// Creates a new, empty database and returns a connection string to it. The name is made safe
    /// and unique (a counter is appended), so tests may pass their own name without coordinating.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        var database = $"{Sanitise(name)}_{Interlocked.Increment(ref _databaseCounter)}";
        await using (var connection = new NpgsqlConnection(Server.ConnectionStringFor("postgres")))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {LocalPostgres.QuoteIdentifier(database)}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        // Error details (the offending values) help when a test fails; this data is made up.
        return new NpgsqlConnectionStringBuilder(Server.ConnectionStringFor(database)) { IncludeErrorDetail = true }.ConnectionString;
    }

    private static string Sanitise(string name)
    {
        var safe = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            safe.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '_');
        }

        // PostgreSQL truncates identifiers at 63 bytes; keep room for the counter.
        var text = safe.ToString().Trim('_');
        return text.Length == 0 ? "test" : text[..Math.Min(text.Length, 48)];
    }

    private static LocalPostgres StartServer()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"reviewworkflow-tests-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..12]}");
        return LocalPostgres.Start(new LocalPostgresOptions(directory, Throwaway: true, Database: "tests"));
    }
}

/// <summary>The xunit collection whose classes share <see cref="PostgresCluster"/> and run one at a time.</summary>
[CollectionDefinition(PostgresCluster.Collection)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>;
