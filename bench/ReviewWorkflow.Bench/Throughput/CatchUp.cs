using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReviewWorkflow.Web;
using ReviewWorkflow.Web.Escalation;
using ReviewWorkflow.Web.Infrastructure;

namespace ReviewWorkflow.Bench.Throughput;

/// <summary>
/// Cloned open cases opened months ago have overdue steps whose escalations a running app would
/// have recorded long since. The app's own sweep records them now (in this process, with the app's
/// services), so the measured runs do not share the machine with a year's backlog of escalations.
/// </summary>
public static class CatchUp
{
    public static async Task EscalationsAsync(string connectionString)
    {
        var watch = Stopwatch.StartNew();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = connectionString,
            ["Jobs:Server"] = "false",
            ["Escalation:BatchSize"] = "5000",
            ["Workflows:Path"] = RepositoryFolders.Find("workflows"),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddReviewServices();
        await using var app = builder.Build();
        await app.PrepareDatabaseAsync(seedDemo: false);
        var total = 0;
        while (true)
        {
            using var scope = app.Services.CreateScope();
            var recorded = await scope.ServiceProvider.GetRequiredService<EscalationSweep>().RunAsync();
            if (recorded == 0) break;
            total += recorded;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"escalations of the overdue open steps recorded by the app's sweep: {total:N0} in {watch.Elapsed.TotalSeconds:0} s"));
    }
}
