using System.Text.Json;
using ReviewWorkflow.Engine.Commands;

namespace ReviewWorkflow.Web.Steps;

/// <summary>A step's answers through the engine's <c>Complete</c> command, for the API and the step form alike.</summary>
public sealed class CompleteStep(CaseProcedure cases, ReviewDb db)
{
    public async Task<CaseOutcome> RunAsync(CaseContext context, string stepKey, Dictionary<string, JsonElement> fields, string? note,
        CurrentUser user, CancellationToken ct)
    {
        if (CaseRefused.TooLong("note", note) is { } tooLong) return tooLong;
        var (answers, errors) = await UserFields.ResolveAsync(db, context, stepKey, fields, ct);
        if (errors.Count > 0) return CaseRefused.Invalid(errors);
        return await cases.DecideAsync(context, user, "step.completed",
            now => Procedure.Complete(context.Definition, context.State, stepKey, answers, note, user.ToActor(), now), ct);
    }
}
