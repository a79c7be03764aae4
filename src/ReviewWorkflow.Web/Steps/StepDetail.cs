using Microsoft.AspNetCore.Http.HttpResults;
using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Web.SignOff;

namespace ReviewWorkflow.Web.Steps;

/// <summary>
/// One thing that happened to a step: <c>completed</c> (fields: the answers), <c>returned</c>
/// (note: the reason; returnedBy: the sign-off) or <c>contributed</c> (work inside the step).
/// <see cref="Step"/> differs from the requested step only for the returns a sign-off made.
/// </summary>
public sealed record StepActivityDto(
    string Step, string Kind, UserRefDto By, DateTimeOffset At, IReadOnlyDictionary<string, object?> Fields, string? Note, string? ReturnedBy);

public sealed record StepDetailDto(
    Guid CaseId, string Reference, string Key, string Title, string Kind, string Role, string State,
    DateTimeOffset? DueAt, DateTimeOffset? StateSince, IReadOnlyList<string> WaitingFor, string? ReturnReason, string? Lapsed,
    IReadOnlyList<string> Approves, IReadOnlyList<StepActivityDto> Activities)
{
    /// <summary>For a sign-off: what it approves, in full (<see cref="SignOffEvidence"/>); null for other steps.</summary>
    public SignOffEvidenceDto? Evidence { get; init; }
}

/// <summary>
/// <c>GET /api/cases/{id}/steps/{stepKey}</c>: the step with its whole history, oldest first. A redo
/// never hides the earlier answers or the reason for the return: the supervisor judging the redo,
/// and any later review, sees what changed and why (F10).
/// </summary>
public static class StepDetail
{
    public static async Task<Results<Ok<StepDetailDto>, ProblemHttpResult>> GetAsync(
        Guid id, string stepKey, CaseProcedure cases, CurrentUser user, ReviewDb db, TimeProvider clock, CancellationToken ct)
    {
        var context = await cases.LoadAsync(id, user, ct);
        if (context is null) return CaseResults.NotFound();
        if (context.Definition.FindStep(stepKey) is not { } step)
            return CaseResults.Problem(StatusCodes.Status404NotFound, "Not found", [$"no step '{stepKey}' in this workflow"]);

        var evaluation = context.Evaluate();
        var status = evaluation[step.Key]!;
        var row = context.Case.Steps.FirstOrDefault(s => s.Key == step.Key);
        var activities = context.Activities
            .OrderBy(a => a.At).ThenBy(a => a.Id)
            .Select(a => (Row: a, Engine: a.ToEngine()))
            .Where(a => a.Row.StepKey == step.Key || ReturnedBy(a.Engine) == step.Key)
            .Select(a => new StepActivityDto(a.Row.StepKey, Wire(a.Row.Kind), new UserRefDto(a.Row.ActorId, a.Row.ActorName), a.Row.At,
                Plain(a.Engine.Fields), a.Row.Note, ReturnedBy(a.Engine)))
            .ToList();
        return TypedResults.Ok(new StepDetailDto(context.Case.Id, context.Case.Reference, step.Key, step.Title, step.Kind.Wire(), step.Role,
            status.State.Wire(), status.DueAt, row?.StateSince, status.WaitingFor,
            status.State == StepState.Returned ? status.Return?.Note : null, status.Lapsed, step.Approves, activities)
        {
            Evidence = await SignOffEvidence.ForAsync(db, context.Case.Id, context.Definition, step, evaluation, clock.GetUtcNow(), ct),
        });
    }

    private static string? ReturnedBy(StepActivity a) =>
        a.Kind == ActivityKind.Returned && a.Fields.GetValueOrDefault(CaseEventActivities.ReturnedByField) is TextValue { Value: var key } ? key : null;

    private static string Wire(ActivityKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Answers as the client sent them (the stored form tags each value with its type).</summary>
    public static IReadOnlyDictionary<string, object?> Plain(IReadOnlyDictionary<string, FieldValue> fields) =>
        fields.Where(f => f.Key != CaseEventActivities.ReturnedByField).ToDictionary(f => f.Key, f => f.Value switch
        {
            BoolValue b => (object?)b.Value,
            TextValue t => t.Value,
            NumberValue n => n.Value,
            DateTimeValue d => d.Value,
            ChoiceValue c => c.Value,
            PersonValue p => new { p.Name, p.Role, p.Phone, p.Email, p.Username },
            ListValue l => l.Items,
            _ => null,
        });
}
