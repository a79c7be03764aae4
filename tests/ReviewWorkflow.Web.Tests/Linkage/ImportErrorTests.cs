using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ReviewWorkflow.Web.Audit;
using ReviewWorkflow.Web.Data;
using ReviewWorkflow.Web.Linkage;
using ReviewWorkflow.Web.Tests.Support;
using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Web.Tests.Linkage;

/// <summary>Files an import must refuse with their line, and start-up errors, without a stack trace.</summary>
public sealed class ImportErrorTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private const string Header = "reference,found_at,latitude,longitude,sex,age_years,name,location,circumstances,substances,markers,persons,team,classification,closed_at";

    [Fact]
    public async Task Importing_the_seed_file_twice_names_each_recorded_reference_and_exits_1()
    {
        var seedFile = Path.Combine(RepositoryFolders.Find("seeds")!, "historical-deaths.csv");
        await using (var first = AppProcess.Start("first import", app.ConnectionString, new Dictionary<string, string>(), "import-deaths", seedFile))
        {
            Assert.True(await first.WaitForExitAsync(Patience) == 0, string.Join('\n', first.Output));
        }
        var before = await app.SnapshotAsync();

        await using var second = AppProcess.Start("second import", app.ConnectionString, new Dictionary<string, string>(), "import-deaths", seedFile);
        var code = await second.WaitForExitAsync(Patience);

        Assert.True(code == 1, $"exit {code}:\n{string.Join('\n', second.Output)}");
        Assert.Contains($"{seedFile}:line 23: reference: 'HX-2014-S00001' is already recorded", second.Output);
        Assert.Contains("4 bad row(s): nothing imported (fix the file, or use --skip-invalid to import the good rows)", second.Output);
        Assert.DoesNotContain(second.Output, line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task A_reference_repeated_within_a_file_is_refused_with_both_lines()
    {
        var before = await app.SnapshotAsync();

        var (code, output) = await ImportAsync(Encoding.UTF8.GetBytes(string.Join('\n', Header,
            "HX-REP-1,2013-03-01T10:00:00Z,53.48,-2.24,male,30,unknown,Manchester,found at home,alcohol,,,,,",
            "HX-REP-2,2013-03-02T10:00:00Z,53.48,-2.24,male,31,unknown,Manchester,found at home,alcohol,,,,,",
            "HX-REP-1,2013-03-03T10:00:00Z,53.48,-2.24,male,32,unknown,Manchester,found at home,alcohol,,,,,") + "\n"));

        Assert.Equal(1, code);
        Assert.Contains(":line 4: reference: 'HX-REP-1' repeats line 2", output);
        Assert.Contains("1 bad row(s): nothing imported", output);
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task Bytes_that_are_not_utf8_are_refused_with_their_line()
    {
        var before = await app.SnapshotAsync();
        var good = Encoding.UTF8.GetBytes(string.Join('\n', Header,
            "HX-UTF-1,2013-03-01T10:00:00Z,53.48,-2.24,male,30,Zoë Ward,Manchester,found at home,alcohol,,,,,", "HX-UTF-2,2013-03-01T10:00:00Z,53.48,-2.24,male,30,"));
        byte[] latin1Name = [.. good, (byte)'Z', (byte)'o', 0xEB, .. Encoding.UTF8.GetBytes(" Ward,Manchester,found at home,alcohol,,,,,\n")];

        var (code, output) = await ImportAsync(latin1Name);

        Assert.Equal(1, code);
        Assert.Contains(":line 3: the file is not valid UTF-8 here", output);
        Assert.Contains("nothing imported", output);
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task Progress_says_validated_until_the_commit()
    {
        var (code, output) = await ImportAsync(Encoding.UTF8.GetBytes(string.Join('\n', Header,
            "HX-PRG-1,2013-03-01T10:00:00Z,53.48,-2.24,male,30,unknown,Manchester,found at home,alcohol,,,,,",
            "HX-PRG-2,2013-03-01T10:00:00Z,123.48,-2.24,male,30,unknown,Manchester,found at home,alcohol,,,,,") + "\n"), skipInvalid: true);

        Assert.Equal(0, code);
        Assert.Contains("1 deaths read and validated (to line 3)", output);
        Assert.DoesNotContain("deaths imported", output);
        Assert.Contains("imported 1 historical deaths", output); // only once committed
    }

    [Fact]
    public async Task Start_up_with_a_broken_workflow_prints_its_messages_and_exits_1_without_a_stack_trace()
    {
        var workflows = Path.Combine(Path.GetTempPath(), $"broken-workflows-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(workflows, "unexplained-death"));
        await File.WriteAllTextAsync(Path.Combine(workflows, "unexplained-death", "v1.yaml"), "key: unexplained-death\nsteps: [\n");
        try
        {
            await using var start = AppProcess.Start("broken", app.ConnectionString, new Dictionary<string, string> { ["Workflows:Path"] = workflows });
            var code = await start.WaitForExitAsync(Patience);

            Assert.True(code == 1, $"exit {code}:\n{string.Join('\n', start.Output)}");
            Assert.Contains(start.Output, line => line.StartsWith("Cannot start: The workflow definitions in", StringComparison.Ordinal));
            Assert.Contains(start.Output, line => line.Contains("v1.yaml", StringComparison.Ordinal));
            Assert.DoesNotContain(start.Output, line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(workflows, recursive: true);
        }
    }

    private async Task<(int Code, string Output)> ImportAsync(byte[] content, bool skipInvalid = false)
    {
        var file = Path.Combine(Path.GetTempPath(), $"deaths-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(file, content);
        try
        {
            using var scope = app.Services.CreateScope();
            var services = scope.ServiceProvider;
            var output = new StringWriter();
            var code = await ImportDeathsCommand.ImportAsync(services.GetRequiredService<ReviewDb>(), services.GetRequiredService<AuditTrail>(),
                services.GetRequiredService<WorkflowRegistry>().Latest("unexplained-death")!, file, skipInvalid, app.Clock.GetUtcNow(), output);
            return (code, output.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
