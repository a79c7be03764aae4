using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using ReviewWorkflow.LocalCluster;
using ReviewWorkflow.Web.Tests.Support;
using Xunit.Abstractions;

namespace ReviewWorkflow.Web.Tests.Infrastructure;

/// <summary>
/// The app in local mode (no connection string: it runs its own cluster) as a real process, with
/// administrative commands beside it and its PostgreSQL killed under load.
/// </summary>
public sealed class LocalClusterProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(30);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"rw-local-{Guid.NewGuid():N}", "postgres");

    [Fact]
    public async Task Commands_run_beside_the_serving_app_use_its_cluster_and_leave_it_running()
    {
        await using var app = StartLocalApp("app");
        await app.WaitHealthyAsync(Patience);
        var postmaster = PostmasterPid();

        await using (var verify = StartLocalApp("verify-audit", "verify-audit"))
        {
            var code = await verify.WaitForExitAsync(Patience);
            Assert.True(code == 0, string.Join('\n', verify.Output));
            Assert.Contains(verify.Output, line => line.StartsWith("audit trail valid", StringComparison.Ordinal));
        }
        await AssertAnswersAsync(app);
        Assert.Equal(postmaster, PostmasterPid());

        var file = Path.Combine(Path.GetDirectoryName(_dataDirectory)!, "deaths.csv");
        await File.WriteAllTextAsync(file, """
            reference,found_at,latitude,longitude,sex,age_years,name,location,circumstances,substances,markers,persons,team,classification,closed_at
            HX-BESIDE-1,2013-03-01T10:00:00Z,53.48,-2.24,male,30,unknown,Manchester,found at home,alcohol,,,,,

            """);
        await using (var import = StartLocalApp("import-deaths", "import-deaths", file))
        {
            var code = await import.WaitForExitAsync(Patience);
            Assert.True(code == 0, string.Join('\n', import.Output));
        }
        await AssertAnswersAsync(app);
        Assert.Equal(postmaster, PostmasterPid());
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM cases WHERE reference = 'HX-BESIDE-1'"));
    }

    [Fact]
    public async Task After_its_postgres_is_killed_under_load_the_app_restarts_it_and_loses_no_acknowledged_write()
    {
        await using var app = StartLocalApp("app");
        await app.WaitHealthyAsync(Patience);

        var figures = await KillUnderLoadAsync(app.Url, () => Process.GetProcessById(PostmasterPid()));

        Assert.True(figures.Recovery < RecoveryLimit, $"first acknowledged write {figures.Recovery} after the kill");
        var present = await ScalarAsync($"SELECT count(*) FROM cases WHERE id = ANY('{{{string.Join(',', figures.Acknowledged)}}}'::uuid[])");
        output.WriteLine($"local mode: first 201 after {figures.Recovery.TotalSeconds:0.0} s; {figures.Acknowledged.Count} writes acknowledged " +
                         $"({figures.AcknowledgedBeforeKill} before the kill), {figures.Acknowledged.Count - present} lost, {figures.Failed} refused meanwhile");
        Assert.Equal(figures.Acknowledged.Count, present);
    }

    [Fact]
    public async Task With_an_external_database_the_app_reconnects_when_the_server_returns()
    {
        // The test plays the database administrator: its own supervised server comes back on the same port.
        await using var server = LocalPostgres.Start(new LocalPostgresOptions(_dataDirectory, Database: "external", Supervise: true));
        await using var app = AppProcess.Start("app", server.ConnectionString, new Dictionary<string, string>());
        await app.WaitHealthyAsync(Patience);

        var figures = await KillUnderLoadAsync(app.Url, () => Process.GetProcessById(PostmasterPid()));

        Assert.True(server.Restarts >= 1);
        Assert.True(figures.Recovery < RecoveryLimit, $"first acknowledged write {figures.Recovery} after the kill");
        var present = await ScalarAsync($"SELECT count(*) FROM cases WHERE id = ANY('{{{string.Join(',', figures.Acknowledged)}}}'::uuid[])", server.ConnectionString);
        output.WriteLine($"external database: first 201 after {figures.Recovery.TotalSeconds:0.0} s; {figures.Acknowledged.Count} writes acknowledged " +
                         $"({figures.AcknowledgedBeforeKill} before the kill), {figures.Acknowledged.Count - present} lost, {figures.Failed} refused meanwhile");
        Assert.Equal(figures.Acknowledged.Count, present);
    }

    private sealed record KillFigures(TimeSpan Recovery, IReadOnlyCollection<string> Acknowledged, int AcknowledgedBeforeKill, int Failed);

    /// <summary>
    /// Four clients create cases without pause; the postmaster is killed (SIGKILL) once some are
    /// acknowledged; the load goes on until twenty more are acknowledged after the kill.
    /// </summary>
    private static async Task<KillFigures> KillUnderLoadAsync(string url, Func<Process> postmaster)
    {
        using var officer = await LoginAsync(url, "officer@demo.local");
        var acknowledged = new ConcurrentBag<string>();
        var afterKill = new ConcurrentBag<TimeSpan>();
        var failed = 0;
        var clock = new Stopwatch();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await officer.PostAsJsonAsync("/api/cases", Api.NewCase());
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        acknowledged.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).Id());
                        if (clock.IsRunning) afterKill.Add(clock.Elapsed);
                    }
                    else Interlocked.Increment(ref failed);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })).ToList();

        await Wait.UntilAsync(() => Task.FromResult(acknowledged.Count >= 20), Patience, "twenty writes acknowledged before the kill");
        using (var victim = postmaster())
        {
            clock.Start();
            victim.Kill();
            await victim.WaitForExitAsync();
        }
        var beforeKill = acknowledged.Count;
        await Wait.UntilAsync(() => Task.FromResult(afterKill.Count >= 20), Patience, "twenty writes acknowledged after the kill");
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        return new KillFigures(afterKill.Min(), acknowledged.ToList(), beforeKill, failed);
    }

    private AppProcess StartLocalApp(string name, params string[] args) =>
        AppProcess.Start(name, connectionString: "", new Dictionary<string, string> { ["Database:LocalDataDirectory"] = _dataDirectory }, args);

    private static async Task AssertAnswersAsync(AppProcess app)
    {
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{app.Url}/health")).StatusCode);
        using var officer = await LoginAsync(app.Url, "officer@demo.local");
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync("/api/cases", Api.NewCase())).StatusCode);
    }

    private static async Task<HttpClient> LoginAsync(string url, string email)
    {
        var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = ReviewApp.Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private string[] PostmasterLines() => File.ReadAllLines(Path.Combine(_dataDirectory, "postmaster.pid"));

    private int PostmasterPid() => int.Parse(PostmasterLines()[0]);

    // Straight to the server that owns the directory (the port in its postmaster.pid).
    private async Task<long> ScalarAsync(string sql, string? connectionString = null)
    {
        connectionString ??= new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = int.Parse(PostmasterLines()[3]), Username = "postgres", Database = "reviewworkflow", Pooling = false,
        }.ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // The app was killed, so its server outlived it: a start on the same directory stops that
    // leftover, and as a throwaway its stop deletes the files.
    public Task DisposeAsync()
    {
        if (Directory.Exists(_dataDirectory))
        {
            LocalPostgres.Start(new LocalPostgresOptions(_dataDirectory, Throwaway: true)).Stop();
        }
        Directory.Delete(Path.GetDirectoryName(_dataDirectory)!, recursive: true);
        return Task.CompletedTask;
    }
}
