using ReviewWorkflow.LocalCluster;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ReviewWorkflow.Web;
using ReviewWorkflow.Web.Accounts;
using ReviewWorkflow.Web.Cases;
using ReviewWorkflow.Web.Infrastructure;
using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Bench.Migration;

/// <summary>
/// Moving N open cases (default 10,000) from the procedure's v1 to v2: the dry run, then the move, each
/// timed (target ≤ 60 s each). The cases are copies, made by SQL, of one case recorded through the app on v1.
/// </summary>
public static class MigrationBench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        var i = Array.IndexOf(args, "--cases");
        var cases = i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var n) ? n : 10_000;
        var directory = Path.Combine(Path.GetTempPath(), $"reviewworkflow-bench-migration-{Environment.ProcessId}");
        Console.WriteLine($"starting a PostgreSQL (durable: fsync on) in {directory}; {Environment.ProcessorCount} cores");
        var server = LocalPostgres.Start(new LocalPostgresOptions(directory, Database: "bench"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", Args = [] });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Default"] = server.ConnectionString,
                ["Jobs:Server"] = "false",
                ["Workflows:Path"] = RepositoryFolders.Find("workflows"),
                ["Workflows:StartOn:unexplained-death"] = "1",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
            });
            builder.AddReviewServices();
            await using var app = builder.Build();
            await app.PrepareDatabaseAsync(seedDemo: true);

            var template = await TemplateAsync(app);
            var watch = Stopwatch.StartNew();
            await CopyAsync(server.ConnectionString, template, cases);
            Console.WriteLine(string.Create(Inv, $"loaded {cases:N0} open cases on unexplained-death v1 in {watch.Elapsed.TotalSeconds:0} s"));

            var admin = new CurrentUser("system:bench", "migration bench", Engine.Roles.Admin, "");
            var request = new MigrationRequest(new("unexplained-death", 1), new("unexplained-death", 2), null, null);
            var dry = await TimeAsync(app, request, admin);
            var applied = await TimeAsync(app, request with { Apply = true }, admin);

            Console.WriteLine();
            Console.WriteLine($"Migration v1 -> v2 ({Environment.ProcessorCount} cores; load average now {File.ReadAllText("/proc/loadavg").Split(' ')[..3].Aggregate((a, b) => a + " " + b)})");
            Console.WriteLine("| measure | figure | target |");
            Console.WriteLine("|---|---|---|");
            Console.WriteLine(string.Create(Inv, $"| dry run, {dry.Report.Cases:N0} open cases | {dry.Seconds:0.0} s, app CPU {dry.CpuSeconds:0.0} s ({dry.Report.CanApply:N0} can move) | ≤ 60 s |"));
            Console.WriteLine(string.Create(Inv, $"| apply, {applied.Report.Cases:N0} open cases | {applied.Seconds:0.0} s, app CPU {applied.CpuSeconds:0.0} s ({applied.Report.Applied:N0} moved) | ≤ 60 s |"));
            return applied.Report.Applied == cases + 1 ? 0 : 1;
        }
        finally
        {
            server.Stop();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The wall time, and the app's own CPU time: on a shared machine the first is an upper bound, the second what the app spent.</summary>
    private static async Task<(MigrationReport Report, double Seconds, double CpuSeconds)> TimeAsync(WebApplication app, MigrationRequest request, CurrentUser admin)
    {
        using var scope = app.Services.CreateScope();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var (report, errors) = await scope.ServiceProvider.GetRequiredService<CaseMigration>().RunAsync(request, admin);
        if (report is null) throw new InvalidOperationException(string.Join("; ", errors.SelectMany(e => e.Value)));
        return (report, watch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    /// <summary>A case recorded through the app, as an officer would.</summary>
    private static async Task<Guid> TemplateAsync(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReviewWorkflow.Web.Data.ReviewDb>();
        var officer = await db.Users.Where(u => u.Email == "officer@demo.local").Select(u => new { u.Id, u.DisplayName, u.Team }).SingleAsync();
        var user = new CurrentUser(officer.Id, officer.DisplayName, Engine.Roles.Officer, officer.Team);
        var (context, errors) = await scope.ServiceProvider.GetRequiredService<CaseCreation>().CreateAsync(new CreateCaseRequest(
            new DeceasedInput("Bench Template", 40, "male"), DateTimeOffset.UtcNow.AddDays(-3), new LocationInput("bench", 51.5, 0.08),
            "found at home", [], [], [], "unexplained-death"), user);
        return context?.Case.Id ?? throw new InvalidOperationException(string.Join("; ", errors.SelectMany(e => e.Value)));
    }

    /// <summary>Copies the template's case row, step rows and activities <paramref name="count"/> times, with new ids and references.</summary>
    private static async Task CopyAsync(string connectionString, Guid template, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        async Task<string> ColumnsAsync(string table, params string[] except)
        {
            await using var command = new NpgsqlCommand("""
                SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) FROM information_schema.columns
                WHERE table_name = @table AND is_generated = 'NEVER' AND is_identity = 'NO' AND column_name <> ALL(@except)
                """, connection);
            command.Parameters.AddWithValue("table", table);
            command.Parameters.AddWithValue("except", except);
            return (string)(await command.ExecuteScalarAsync())!;
        }
        var caseColumns = await ColumnsAsync("cases", "id", "reference");
        var stepColumns = await ColumnsAsync("case_steps", "case_id");
        var activityColumns = await ColumnsAsync("case_activities", "case_id", "id");
        await using var copy = new NpgsqlCommand($"""
            INSERT INTO cases (id, reference, {caseColumns})
            SELECT md5('bench' || n)::uuid, 'BENCH-' || lpad(n::text, 7, '0'), {caseColumns} FROM cases, generate_series(1, @count) AS n WHERE id = @template;
            INSERT INTO case_steps (case_id, {stepColumns})
            SELECT md5('bench' || n)::uuid, {stepColumns} FROM case_steps, generate_series(1, @count) AS n WHERE case_id = @template;
            INSERT INTO case_activities (case_id, {activityColumns})
            SELECT md5('bench' || n)::uuid, {activityColumns} FROM case_activities, generate_series(1, @count) AS n WHERE case_id = @template;
            ANALYZE cases; ANALYZE case_steps; ANALYZE case_activities;
            """, connection);
        copy.Parameters.AddWithValue("count", count);
        copy.Parameters.AddWithValue("template", template);
        copy.CommandTimeout = 600;
        await copy.ExecuteNonQueryAsync();
    }
}
