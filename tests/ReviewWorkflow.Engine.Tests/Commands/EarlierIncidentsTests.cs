using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Definitions;
using ReviewWorkflow.Engine.Evaluation;
using ReviewWorkflow.Engine.Tests.Definitions;
using ReviewWorkflow.Engine.Tests.Evaluation;
using static ReviewWorkflow.Engine.Tests.Evaluation.TestCase;

namespace ReviewWorkflow.Engine.Tests.Commands;

/// <summary>v2's check of earlier incidents at the address: each listed case confirmed; a late one sends the check back, also after closure.</summary>
public sealed class EarlierIncidentsTests
{
    private static readonly WorkflowDefinition V2 = Minimal.Valid(Files.Read("workflows", "unexplained-death", "v2.yaml"));
    private const string Step = EarlierIncidents.StepKey;

    private static TestCase Checked(params string[] confirmed) => new TestCase(V2).Completed("initial-report").Completed(Step, atHours: 2,
        fields: new Dictionary<string, FieldValue> { [EarlierIncidents.IncidentsField] = new ListValue(confirmed), ["assessment"] = new TextValue("Nothing earlier here.") });

    [Fact]
    public void EachEarlierCaseListedMustBeConfirmedByItsReference()
    {
        Assert.Empty(EarlierIncidents.Unconfirmed(["UD-2024-000001", " ud-2024-000002 "], ["UD-2024-000001", "UD-2024-000002"]));
        Assert.Equal(["confirm the earlier case UD-2024-000002 listed for this address"],
            EarlierIncidents.Unconfirmed(["UD-2024-000001"], ["UD-2024-000001", "UD-2024-000002"])[$"fields.{EarlierIncidents.IncidentsField}"]);
    }

    [Fact]
    public void ALateEarlierCaseSendsTheCompletedCheckBackOnceAndNotACaseItConfirmed()
    {
        var c = Checked("UD-2024-000001");
        Assert.IsType<Refused>(EarlierIncidents.Reopen(V2, c.State, "UD-2024-000001", Officer, At(3)));

        c.Apply(EarlierIncidents.Reopen(V2, c.State, "UD-2024-000009", Officer, At(3)));
        var status = c.Status(Step);
        Assert.Equal(StepState.Returned, status.State);
        Assert.Contains("UD-2024-000009", status.Return!.Note);
        // Sent back already: a second late case finds nothing to send back.
        Assert.IsType<Refused>(EarlierIncidents.Reopen(V2, c.State, "UD-2024-000010", Officer, At(4)));
    }

    [Fact]
    public void OnAClosedCaseTheCheckSentBackIsUnmetAndCanBeDoneAgain()
    {
        var c = Checked().MarkClosed();
        Assert.Empty(c.Evaluate().Unmet);
        c.Apply(EarlierIncidents.Reopen(V2, c.State, "UD-2024-000009", Officer, At(30)));

        Assert.Single(c.Evaluate().Unmet, u => u.StartsWith($"{Step}:", StringComparison.Ordinal));
        var redone = Procedure.Complete(V2, c.State, Step,
            ValidInput.Json("""{"incidents": ["UD-2024-000009"], "assessment": "The 2015 death at this flat."}"""), null, Officer, At(31));
        Assert.IsType<Accepted>(redone);
    }
}
