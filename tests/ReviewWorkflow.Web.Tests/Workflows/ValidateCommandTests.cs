using ReviewWorkflow.Web.Infrastructure;

namespace ReviewWorkflow.Web.Tests.Workflows;

[Collection(nameof(ConsoleOutput))]
public sealed class ValidateCommandTests
{
    [Fact]
    public void TheShippedWorkflowsAreValid()
    {
        var (code, output) = ConsoleOutput.Capture(() => ValidateCommand.Run([Path.Combine(AppContext.BaseDirectory, "workflows")]));
        Assert.Equal(0, code);
        Assert.Contains("all definitions are valid", output);
    }

    [Fact]
    public void ABrokenDefinitionIsReportedAsFileLinePathMessageAndFails()
    {
        var folder = Directory.CreateTempSubdirectory("broken-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "unexplained-death"));
            var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", "unexplained-death", "v1.yaml"))
                .Replace("after: [initial-report]\n    fields:\n      - { key: personsChecked", "after: [initial-reprot]\n    fields:\n      - { key: personsChecked");
            File.WriteAllText(Path.Combine(folder, "unexplained-death", "v1.yaml"), text);

            var (code, output) = ConsoleOutput.Capture(() => ValidateCommand.Run([folder]));

            Assert.Equal(1, code);
            Assert.Matches(@"unexplained-death/v1\.yaml:\d+: steps\[1\]\.after\[0\]: unknown step 'initial-reprot'", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

[CollectionDefinition(nameof(ConsoleOutput), DisableParallelization = true)]
public sealed class ConsoleOutput
{
    public static (int Code, string Output) Capture(Func<int> run)
    {
        var original = Console.Out;
        using var writer = new StringWriter();
        Console.SetOut(writer);
        try { return (run(), writer.ToString()); }
        finally { Console.SetOut(original); }
    }
}
