using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Web.Data;

namespace ReviewWorkflow.Web.Cases;

/// <summary>Turns a case command's outcome into the HTTP answer of the API contract.</summary>
public static class CaseResults
{
    public static async Task<Results<Ok<CaseDto>, ProblemHttpResult, ValidationProblem>> ToHttpAsync(
        this CaseOutcome outcome, ReviewDb db, CancellationToken ct) => outcome switch
    {
        CaseDone done => TypedResults.Ok(done.Context.ToDto(done.Evaluation, done.Context.OfficerName ?? await OfficerNameAsync(db, done.Context.Case.OfficerId, ct))),
        CaseNotFound => NotFound(),
        CaseRefused refused => refused.Refusal.ToHttp(),
        _ => throw new InvalidOperationException("unknown outcome"),
    };

    /// <summary>As <see cref="ToHttpAsync"/>, with the officer's name already read (by the visibility filter) when there is one.</summary>
    public static async Task<Results<Ok<CaseDto>, ProblemHttpResult, ValidationProblem>> ToHttpAsync(
        this CaseOutcome outcome, ReviewDb db, VisibleCase? seen, CancellationToken ct) =>
        seen is not null && outcome is CaseDone done && done.Context.Case.Id == seen.Id
            ? TypedResults.Ok(done.Context.ToDto(done.Evaluation, seen.OfficerName))
            : await outcome.ToHttpAsync(db, ct);

    public static Results<Ok<CaseDto>, ProblemHttpResult, ValidationProblem> ToHttp(this Refused refusal) => refusal.Kind switch
    {
        RefusalKind.Invalid => TypedResults.ValidationProblem(
            refusal.FieldErrors.Count > 0 ? refusal.FieldErrors : new Dictionary<string, string[]> { [""] = [.. refusal.Reasons] },
            detail: string.Join("; ", refusal.Reasons.Concat(refusal.FieldErrors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")))),
            title: "The request is not valid"),
        RefusalKind.Forbidden => Problem(StatusCodes.Status403Forbidden, "Not allowed", refusal.Reasons),
        RefusalKind.NotFound => Problem(StatusCodes.Status404NotFound, "Not found", refusal.Reasons),
        _ => Problem(StatusCodes.Status409Conflict, "Refused by the procedure", refusal.Reasons),
    };

    public static ProblemHttpResult NotFound() =>
        TypedResults.Problem("No such case, or not one of your team's.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Problem(int status, string title, IReadOnlyList<string> reasons) =>
        TypedResults.Problem(string.Join("; ", reasons), statusCode: status, title: title,
            extensions: new Dictionary<string, object?> { ["unmet"] = reasons });

    public static async Task<string> OfficerNameAsync(ReviewDb db, string officerId, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == officerId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? officerId;
}
