using System.Text.Json;
using ReviewWorkflow.Engine.Commands;

namespace ReviewWorkflow.Web.Steps;

/// <summary>A step's answers through the engine's <c>Complete</c> command, for the API and the step form alike.</summary>
public sealed class CompleteStep(CaseProcedure cases, ReviewDb db, Linkage.PreviousIncidents previousIncidents)
{
    public async Task<CaseOutcome> RunAsync(CaseContext context, string stepKey, Dictionary<string, JsonElement> fields, string? note,
        CurrentUser user, CancellationToken ct)
    {
        if (CaseRefused.TooLong("note", note) is { } tooLong) return tooLong;
        var (answers, errors) = await UserFields.ResolveAsync(db, context, stepKey, fields, ct);
        if (errors.Count > 0) return CaseRefused.Invalid(errors);
        // Each earlier case at the address is confirmed by its reference (v2's previous-incidents check).
        if (await previousIncidents.CheckAsync(context, stepKey, answers, ct) is { Count: > 0 } unconfirmed) return CaseRefused.Invalid(unconfirmed);
        return await cases.DecideAsync(context, user, "step.completed",
            now => Procedure.Complete(context.Definition, context.State, stepKey, answers, note, user.ToActor(), now), ct,
            (now, done) => SubstancesLearnt(context, stepKey, done, user, now));
    }

    /// <summary>Toxicology's substances found join the case's substances (new lists, so EF sees the array column change).</summary>
    private static StepActivity? SubstancesLearnt(CaseContext context, string stepKey, IReadOnlyList<StepActivity> done, CurrentUser user, DateTimeOffset now)
    {
        var c = context.Case;
        var answers = done.FirstOrDefault(a => a.StepKey == stepKey && a.Kind == ActivityKind.Completed)?.Fields;
        if (answers is null) return null;
        var found = SubstancesFound.NewIn(context.Definition.FindStep(stepKey)!, answers, c.Substances);
        c.Substances = [.. c.Substances, .. found];
        return SubstancesFound.Activity(found, user.Id, now);
    }
}
