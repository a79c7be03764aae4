using Microsoft.AspNetCore.Http.HttpResults;
using ReviewWorkflow.Engine.Commands;

namespace ReviewWorkflow.Web.Cases;

/// <summary>Turns a case command's outcome into the HTTP answer of the API contract.</summary>
public static class CaseResults
{
    /// <summary>A change over HTTP: the route's case loaded (404 when missing or another team's), changed, and the case as it now is.</summary>
    public static async Task<Results<Ok<CaseDto>, ProblemHttpResult, ValidationProblem>> ChangeAsync(
        this CaseProcedure cases, Guid id, CurrentUser user, Func<CaseContext, Task<CaseOutcome>> change, CancellationToken ct) =>
        (await cases.LoadAsync(id, user, ct) is { } context ? await change(context) : new CaseNotFound()).ToHttp();

    public static Results<Ok<CaseDto>, ProblemHttpResult, ValidationProblem> ToHttp(this CaseOutcome outcome) =>
        outcome is CaseDone done
            ? TypedResults.Ok(done.Context.ToDto(done.Evaluation, done.Context.OfficerName))
            : outcome.Failed<Ok<CaseDto>>();

    /// <summary>The answer to a case missing or a change refused: 404, or the refusal as problem details.</summary>
    public static Results<T, ProblemHttpResult, ValidationProblem> Failed<T>(this CaseOutcome outcome, string invalidTitle = "The request is not valid")
        where T : IResult => outcome switch
    {
        CaseRefused { Refusal: { Kind: RefusalKind.Invalid } r } => TypedResults.ValidationProblem(
            r.FieldErrors.Count > 0 ? r.FieldErrors : new Dictionary<string, string[]> { [""] = [.. r.Reasons] },
            detail: string.Join("; ", r.Reasons.Concat(r.FieldErrors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))).Distinct()),
            title: invalidTitle),
        CaseRefused { Refusal: { Kind: RefusalKind.Forbidden } r } => Problem(StatusCodes.Status403Forbidden, "Not allowed", r.Reasons),
        CaseRefused { Refusal: { Kind: RefusalKind.NotFound } r } => Problem(StatusCodes.Status404NotFound, "Not found", r.Reasons),
        CaseRefused { Refusal: var r } => Problem(StatusCodes.Status409Conflict, "Refused by the procedure", r.Reasons),
        _ => NotFound(),
    };

    public static ProblemHttpResult NotFound() =>
        TypedResults.Problem("No such case, or not one of your team's.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Problem(int status, string title, IReadOnlyList<string> reasons) =>
        TypedResults.Problem(string.Join("; ", reasons), statusCode: status, title: title,
            extensions: new Dictionary<string, object?> { ["unmet"] = reasons });
}
