using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ReviewWorkflow.Web;
using ReviewWorkflow.Web.Accounts;
using ReviewWorkflow.Web.Cases;
using ReviewWorkflow.Web.Infrastructure;

namespace ReviewWorkflow.Bench.Throughput;

/// <summary>Where a case read spends its time, in this process (no HTTP): load, evaluate, map, serialise.</summary>
public static class Diagnose
{
    public static async Task RunAsync(string connectionString)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = connectionString, ["Jobs:Server"] = "false",
            ["Workflows:Path"] = RepositoryFolders.Find("workflows"), ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddReviewServices();
        await using var app = builder.Build();
        await app.PrepareDatabaseAsync(seedDemo: false);
        var ids = new List<(Guid, string)>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT id, team FROM cases WHERE team = 'team-01' LIMIT 200", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) ids.Add((reader.GetGuid(0), reader.GetString(1)));
        }
        var user = new CurrentUser("x", "Officer", "officer", "team-01");
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        for (var round = 0; round < 3; round++)
        {
            double load = 0, evaluate = 0, map = 0, serialise = 0, scope = 0;
            var n = 0;
            foreach (var (id, _) in ids)
            {
                var w = Stopwatch.StartNew();
                using var s = app.Services.CreateScope();
                var procedure = s.ServiceProvider.GetRequiredService<CaseProcedure>();
                scope += w.Elapsed.TotalMilliseconds; w.Restart();
                var (context, _) = (await procedure.ReadAsync(id, user))!; // the read evaluates once itself (to rebuild the step rows)
                load += w.Elapsed.TotalMilliseconds; w.Restart();
                var evaluation = context.Evaluate();
                evaluate += w.Elapsed.TotalMilliseconds; w.Restart();
                var dto = context.ToDto(evaluation, "Officer");
                map += w.Elapsed.TotalMilliseconds; w.Restart();
                var text = JsonSerializer.Serialize(dto, json);
                serialise += w.Elapsed.TotalMilliseconds;
                n++;
            }
            Console.WriteLine($"diagnose round {round}: per case read: scope {scope / n:0.000} ms, load {load / n:0.000} ms, evaluate {evaluate / n:0.000} ms, map {map / n:0.000} ms, serialise {serialise / n:0.000} ms");
        }
    }
}
