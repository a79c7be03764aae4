using ReviewWorkflow.Web.Tests.Support;
using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Web.Tests.Workflows;

public sealed class WorkflowVersionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("workflows-").FullName;

    public WorkflowVersionTests()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "workflows", "unexplained-death", "v1.yaml");
        Directory.CreateDirectory(Path.Combine(_folder, "unexplained-death"));
        File.Copy(source, V(1));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string V(int n) => Path.Combine(_folder, "unexplained-death", $"v{n}.yaml");

    [Fact]
    public async Task NewCasesTakeTheLatestVersionWhileARunningCaseStaysOnItsOwn()
    {
        var database = await ReviewApp.NewDatabaseAsync();
        string firstId;
        await using (var first = Latest(ReviewApp.On(database, _folder)))
        {
            await first.InitializeAsync();
            var created = await (await first.OfficerAsync()).CreateCaseAsync();
            Assert.Equal(1, created.GetProperty("workflow").GetProperty("version").GetInt32());
            firstId = created.Id();
        }

        var v2 = File.ReadAllText(V(1)).Replace("version: 1", "version: 2").Replace("title: Unexplained death review", "title: Unexplained death review (revised)");
        File.WriteAllText(V(2), v2);
        await using var second = Latest(ReviewApp.On(database, _folder));
        await second.InitializeAsync();
        var officer = await second.OfficerAsync();

        var newer = await officer.CreateCaseAsync();
        Assert.Equal(2, newer.GetProperty("workflow").GetProperty("version").GetInt32());
        var older = await officer.GetCaseAsync(firstId);
        Assert.Equal(1, older.GetProperty("workflow").GetProperty("version").GetInt32());
    }

    /// <summary>Without the tests' usual setting that starts new cases on v1.</summary>
    private static ReviewApp Latest(ReviewApp app)
    {
        app.Settings.Remove(ReviewApp.StartOnV1.Key);
        return app;
    }

    [Fact]
    public async Task TheDeploymentCanHoldNewCasesAtAnEarlierVersionButNotAtOneItLacks()
    {
        File.WriteAllText(V(2), File.ReadAllText(V(1)).Replace("version: 1", "version: 2"));
        var database = await ReviewApp.NewDatabaseAsync();
        await using (var held = ReviewApp.On(database, _folder))
        {
            held.Settings[ReviewApp.StartOnV1.Key] = "1";
            await held.InitializeAsync();
            var created = await (await held.OfficerAsync()).CreateCaseAsync();
            Assert.Equal(1, created.GetProperty("workflow").GetProperty("version").GetInt32());
        }

        await using var missing = AppProcess.Start("missing", database,
            new Dictionary<string, string> { ["Workflows:Path"] = _folder, [ReviewApp.StartOnV1.Key] = "3" });
        var code = await missing.WaitForExitAsync(TimeSpan.FromMinutes(3));
        var output = string.Join('\n', missing.Output);
        Assert.True(code != 0, $"exit {code}:\n{output}");
        Assert.Contains("Workflows:StartOn:unexplained-death is 3", output);
    }

    [Fact]
    public async Task APublishedVersionWhoseFileChangedIsRefusedAtStartUp()
    {
        var database = await ReviewApp.NewDatabaseAsync();
        await using (var first = ReviewApp.On(database, _folder))
            await first.InitializeAsync();

        File.WriteAllText(V(1), File.ReadAllText(V(1)).Replace("due: PT4H", "due: PT8H"));
        // As a process: the refusal is the exit code and the message, not an exception thrown out of Main.
        await using var second = AppProcess.Start("second", database, new Dictionary<string, string> { ["Workflows:Path"] = _folder });

        var code = await second.WaitForExitAsync(TimeSpan.FromMinutes(3));
        var output = string.Join('\n', second.Output);
        Assert.True(code == 1, $"exit {code}:\n{output}");
        Assert.Contains("unexplained-death/v1.yaml", output);
        Assert.Contains("new version", output);
    }
}
