using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using ReviewWorkflow.Web.Data;
using ReviewWorkflow.Web.Tests.Infrastructure;

namespace ReviewWorkflow.Web.Tests.Support;

/// <summary>
/// The real application on its own fresh PostgreSQL database, with a fake clock and the demo
/// accounts. One per test class (xunit class fixture); tests create their own cases, so they do
/// not depend on each other's data.
/// </summary>
public class ReviewApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    public const string Password = "Demo!2345";

    public ReviewApp() : this(Start) { }

    /// <summary>An app whose clock starts elsewhere (in the real past, say, for work that is overdue by the wall clock).</summary>
    protected ReviewApp(DateTimeOffset start) => Clock = new FakeTimeProvider(start);

    public FakeTimeProvider Clock { get; }
    public string ConnectionString { get; protected set; } = "";
    /// <summary>The workflows folder the app loads: the shipped one, copied next to the tests.</summary>
    public string? WorkflowsPath { get; set; } = ShippedWorkflows;

    public static string ShippedWorkflows => Path.Combine(AppContext.BaseDirectory, "workflows");

    /// <summary>
    /// The setting that starts new unexplained-death cases on the procedure's v1, the version whose steps
    /// <see cref="ProcedureWalk"/> answers and most tests were written for. Tests of v2 (and of what new cases
    /// start on, as deployed) use a <see cref="ShippedWorkflowsApp"/>, which leaves it out.
    /// </summary>
    public static readonly KeyValuePair<string, string> StartOnV1 = new("Workflows:StartOn:unexplained-death", "1");

    public Dictionary<string, string> Settings { get; } = new([StartOnV1]);

    public virtual async Task InitializeAsync()
    {
        if (ConnectionString == "") ConnectionString = await NewDatabaseAsync();
        StartServer(); // now, so migrations and seeding happen before the first test (TestServer or, for the browser, Kestrel)
    }

    public static Task<string> NewDatabaseAsync() => new PostgresCluster().CreateDatabaseAsync("app_" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>An app on an existing database (a restart, as far as the data is concerned).</summary>
    public static ReviewApp On(string connectionString, string? workflowsPath = null) =>
        new() { ConnectionString = connectionString, WorkflowsPath = workflowsPath ?? ShippedWorkflows };

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("Demo:Seed", "true");
        // No job server: tests run the sweep and delivery themselves, on the fake clock.
        builder.UseSetting("Jobs:Server", "false");
        if (WorkflowsPath is not null) builder.UseSetting("Workflows:Path", WorkflowsPath);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public async Task<HttpClient> ClientForAsync(string email)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public Task<HttpClient> OfficerAsync() => ClientForAsync("officer@demo.local");
    public Task<HttpClient> Officer2Async() => ClientForAsync("officer2@demo.local");
    public Task<HttpClient> SupervisorAsync() => ClientForAsync("supervisor@demo.local");
    public Task<HttpClient> WestOfficerAsync() => ClientForAsync("officer.west@demo.local");
    public Task<HttpClient> InspectorAsync() => ClientForAsync("inspector@demo.local");
    public Task<HttpClient> AdminAsync() => ClientForAsync("admin@demo.local");

    public T WithDb<T>(Func<ReviewDb, T> read)
    {
        using var scope = Services.CreateScope();
        return read(scope.ServiceProvider.GetRequiredService<ReviewDb>());
    }

    /// <summary>Every table's row count and content hash (<see cref="DatabaseState"/>), to compare after a request.</summary>
    public Task<DatabaseState> SnapshotAsync() => DatabaseState.ReadAsync(ConnectionString);

    /// <summary>Fails, naming each changed table, unless the database is as it was at <paramref name="before"/>.</summary>
    public async Task AssertUnchangedSinceAsync(DatabaseState before) =>
        Assert.Empty((await SnapshotAsync()).DifferencesFrom(before));

    public async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }
}
