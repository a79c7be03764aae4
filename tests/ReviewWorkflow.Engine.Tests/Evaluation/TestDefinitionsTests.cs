using System.Text.RegularExpressions;

namespace ReviewWorkflow.Engine.Tests.Evaluation;

public sealed class TestDefinitionsTests
{
    [Fact]
    public void TestDefinitionHasTheStepsOfTheDefaultWorkflowFileInOrder()
    {
        // The parser is built separately; until it is, this keeps the hand-built mirror honest.
        var yaml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", "unexplained-death", "v1.yaml"));
        var fileSteps = Regex.Matches(yaml, @"^  - key: (\S+)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value);

        Assert.Equal(fileSteps, TestDefinitions.UnexplainedDeath().Steps.Select(s => s.Key));
    }
}
