using ReviewWorkflow.Engine.Definitions;

namespace ReviewWorkflow.Engine.Tests.Definitions;

public sealed class DefaultWorkflowTests
{
    private static WorkflowDefinition Parse()
    {
        var result = DefinitionParser.Parse(Files.DefaultWorkflowPath, Files.DefaultWorkflow());
        if (result.Errors.Count > 0)
        {
            Assert.Fail(string.Join("\n", result.Errors));
        }

        Assert.True(result.IsValid);
        return result.Definition!;
    }

    [Fact]
    public void DefaultWorkflowParsesWithoutErrors()
    {
        var definition = Parse();

        Assert.Equal("unexplained-death", definition.Key);
        Assert.Equal(1, definition.Version);
        Assert.Equal(["officer", "supervisor", "inspector"], definition.Roles);
        Assert.Equal(12, definition.Steps.Count);
    }
}
