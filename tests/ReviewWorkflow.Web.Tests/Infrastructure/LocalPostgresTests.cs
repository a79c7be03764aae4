using ReviewWorkflow.LocalCluster;
using System.Diagnostics;
using Npgsql;
using ReviewWorkflow.Web.Infrastructure;

namespace ReviewWorkflow.Web.Tests.Infrastructure;

public sealed class LocalPostgresTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>, IDisposable
{
    // Each test gets its own scratch directory under the temp folder, removed afterwards (clusters
    // that are not throwaway leave their files there).
    private readonly string _scratch = CreateScratchDirectory();

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public async Task Throwaway_cluster_answers_queries_and_is_deleted_on_stop()
    {
        var dataDirectory = Path.Combine(_scratch, "throwaway");
        var server = LocalPostgres.Start(new LocalPostgresOptions(dataDirectory, Throwaway: true));
        try
        {
            Assert.True(server.Port > 0);
            var builder = new NpgsqlConnectionStringBuilder(server.ConnectionString);
            Assert.Equal("127.0.0.1", builder.Host);
            Assert.Equal(server.Port, builder.Port);
            Assert.Equal("postgres", builder.Username);
            Assert.Equal("reviewworkflow", builder.Database);
            Assert.Equal(1, await ScalarAsync<int>(server.ConnectionString, "SELECT 1"));
            Assert.Equal("reviewworkflow", await ScalarAsync<string>(server.ConnectionString, "SELECT current_database()"));
            Assert.Equal("off", await ScalarAsync<string>(server.ConnectionString, "SHOW fsync"));
        }
        finally
        {
            server.Stop();
        }

        Assert.False(Directory.Exists(server.DataDirectory));
        Assert.False(File.Exists(server.LogFile));
        server.Stop(); // idempotent
    }

    [Fact]
    public async Task Restart_on_the_same_directory_keeps_the_data()
    {
        var options = new LocalPostgresOptions(Path.Combine(_scratch, "kept", "postgres"), Database: "kept_db");
        await using (var first = LocalPostgres.Start(options))
        {
            Assert.Equal("on", await ScalarAsync<string>(first.ConnectionString, "SHOW fsync"));
            await ExecuteAsync(first.ConnectionString, "CREATE TABLE note (text text); INSERT INTO note VALUES ('kept')");
        }

        await using var second = LocalPostgres.Start(options);
        Assert.Equal(Path.GetFullPath(options.DataDirectory), second.DataDirectory);
        Assert.Equal("kept", await ScalarAsync<string>(second.ConnectionString, "SELECT text FROM note"));
        Assert.True(File.Exists(second.LogFile));
    }

    [Fact]
    public void Missing_binaries_give_one_clear_message()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_scratch, "no-binaries")).FullName;
        var error = Assert.Throws<LocalPostgresException>(
            () => LocalPostgres.Start(new LocalPostgresOptions(Path.Combine(_scratch, "data"), BinDirectory: empty)));

        Assert.Contains(empty, error.Message);
        Assert.Contains("apt-get install postgresql-15", error.Message);
        Assert.Contains("ConnectionStrings:Default", error.Message);
        Assert.Contains(LocalPostgres.BinDirectoryVariable, error.Message);
        Assert.False(Directory.Exists(Path.Combine(_scratch, "data")));
    }

    [Fact]
    public async Task A_stale_pid_file_from_a_killed_server_is_handled()
    {
        var options = new LocalPostgresOptions(Path.Combine(_scratch, "killed"), Throwaway: true);
        var first = LocalPostgres.Start(options);
        // A throwaway cluster commits asynchronously: the checkpoint makes sure the row is on disk
        // before the kill, so finding it again proves the same cluster was reused, not recreated.
        await ExecuteAsync(first.ConnectionString, "CREATE TABLE survivor (id int); INSERT INTO survivor VALUES (7)");
        await ExecuteAsync(first.ConnectionString, "CHECKPOINT"); // alone: a batch is one transaction
        var pid = int.Parse(File.ReadLines(Path.Combine(first.DataDirectory, "postmaster.pid")).First());
        using (var postmaster = Process.GetProcessById(pid))
        {
            postmaster.Kill();
            await postmaster.WaitForExitAsync();
        }

        Assert.True(File.Exists(Path.Combine(first.DataDirectory, "postmaster.pid")));
        await using var second = LocalPostgres.Start(options);
        Assert.Equal(7, await ScalarAsync<int>(second.ConnectionString, "SELECT id FROM survivor"));
        first.Stop(); // must neither stop nor delete the cluster another instance took over
        Assert.Equal(1, await ScalarAsync<int>(second.ConnectionString, "SELECT 1"));
        Assert.True(File.Exists(Path.Combine(second.DataDirectory, "PG_VERSION")));
    }

    [Fact]
    public async Task A_server_left_running_by_an_earlier_run_is_stopped_and_replaced()
    {
        var options = new LocalPostgresOptions(Path.Combine(_scratch, "left-running"), Throwaway: true);
        var abandoned = LocalPostgres.Start(options); // as if its process had been killed
        await using var next = LocalPostgres.Start(options);

        Assert.NotEqual(abandoned.Port, next.Port);
        Assert.Equal(1, await ScalarAsync<int>(next.ConnectionString, "SELECT 1"));
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => ScalarAsync<int>(abandoned.ConnectionString, "SELECT 1"));
        abandoned.Stop();
        Assert.Equal(1, await ScalarAsync<int>(next.ConnectionString, "SELECT 1"));
        Assert.True(File.Exists(Path.Combine(next.DataDirectory, "PG_VERSION")));
    }

    [Fact]
    public async Task As_root_a_directory_closed_to_the_postgres_user_falls_back_to_var_tmp()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName != "root")
        {
            return; // the fallback exists only for root, which must hand the cluster to the postgres user
        }

        var closed = Path.Combine(_scratch, "closed");
        Directory.CreateDirectory(closed, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(_scratch, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var requested = Path.Combine(closed, "postgres");

        var server = LocalPostgres.Start(new LocalPostgresOptions(requested, Throwaway: true));
        try
        {
            Assert.StartsWith("/var/tmp/reviewworkflow-", server.DataDirectory);
            Assert.Equal(1, await ScalarAsync<int>(server.ConnectionString, "SELECT 1"));
            Assert.False(Directory.Exists(requested));
        }
        finally
        {
            server.Stop();
        }

        Assert.False(Directory.Exists(Path.GetDirectoryName(server.DataDirectory)));
    }

    [Fact]
    public async Task The_shared_cluster_hands_out_fresh_databases()
    {
        var first = await cluster.CreateDatabaseAsync("Some Test!");
        var second = await cluster.CreateDatabaseAsync("Some Test!");

        Assert.NotEqual(first, second);
        await ExecuteAsync(first, "CREATE TABLE only_here (id int)");
        Assert.Equal(0L, await ScalarAsync<long>(second, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_here'"));
        Assert.StartsWith("some_test_", await ScalarAsync<string>(first, "SELECT current_database()"));
    }

    [Fact]
    public async Task PostGisAvailable_tells_whether_the_extension_can_be_created()
    {
        var database = await cluster.CreateDatabaseAsync("postgis probe");
        var create = () => ExecuteAsync(database, "CREATE EXTENSION IF NOT EXISTS postgis");
        if (cluster.PostGisAvailable)
        {
            await create();
            Assert.StartsWith("3.", await ScalarAsync<string>(database, "SELECT postgis_lib_version()"));
        }
        else
        {
            await Assert.ThrowsAsync<PostgresException>(create);
        }
    }

    private static string CreateScratchDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("reviewworkflow-pgtest-").FullName;
        // Made owner-only; when the tests run as root the postgres user must be able to enter it,
        // or LocalPostgres would (rightly) fall back to /var/tmp.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, File.GetUnixFileMode(directory)
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        return directory;
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
