using System.Text.Json;
using ReviewWorkflow.Engine.Definitions;
using ReviewWorkflow.Engine.Evaluation;

namespace ReviewWorkflow.Engine.Commands;

/// <summary>
/// The commands of the procedure. Each checks role, state and input against the definition and
/// returns events or a refusal; none stores anything. Team membership is the application's check.
/// </summary>
public static class Procedure
{
    public static CommandOutcome Complete(
        WorkflowDefinition definition, CaseState state, string stepKey,
        IReadOnlyDictionary<string, JsonElement> fields, string? note, Actor actor, DateTimeOffset now) =>
        throw new NotImplementedException();

    public static CommandOutcome SignOff(
        WorkflowDefinition definition, CaseState state, string stepKey, string decision, string? rationale,
        IReadOnlyList<string> returnSteps, Actor actor, DateTimeOffset now) =>
        throw new NotImplementedException();

    public static CommandOutcome Classify(
        WorkflowDefinition definition, CaseState state, string category, string? rationale, Actor actor, DateTimeOffset now) =>
        throw new NotImplementedException();

    public static CommandOutcome Close(
        WorkflowDefinition definition, CaseState state, string? rationale, Actor actor, DateTimeOffset now) =>
        throw new NotImplementedException();
}
