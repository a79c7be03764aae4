using Microsoft.AspNetCore.Http.HttpResults;
using ReviewWorkflow.Web.Audit;

namespace ReviewWorkflow.Web.CaseFile;

public sealed record CaseFileVerificationDto(bool Matches, Guid? CaseId, string? Reference, DateTimeOffset? ExportedAt,
    IReadOnlyList<string> Problems, IReadOnlyList<string> Notes);

public static class CaseFileEndpoints
{
    /// <summary>A case file with its events is well under this; the API's default body limit is smaller.</summary>
    public const long MaxFileBytes = 32 * 1024 * 1024;

    public static void MapCaseFiles(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/cases/{id:guid}/file", async Task<Results<FileContentHttpResult, ProblemHttpResult>>
            (Guid id, bool? redacted, CaseFileExport export, CurrentUser user, CancellationToken ct) =>
        {
            var variant = CaseFileRedaction.VariantFor(user.Role, redacted == true);
            return await export.ExportAsync(id, user, variant, ct) is { } file
                ? TypedResults.File(file.Pdf, "application/pdf", file.FileName)
                : CaseResults.NotFound();
        })
        .WithTags("Case file").WithName("GetCaseFile")
        .WithSummary("The case file as a PDF: the record in the order of the procedure, ending with its audit proof")
        .WithDescription("Readers who may not see the names of family members and persons not charged (administrators), and anyone asking redacted=true, get the variant redacted for disclosure. The export is audited.")
        .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .RequireAuthorization();

        routes.MapPost("/api/case-files/verify", async Task<Results<Ok<CaseFileVerificationDto>, ProblemHttpResult>>
            (HttpRequest request, ReviewDb db, AuditCheckpoints checkpoints, CancellationToken ct) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, ct);
            var result = await CaseFileVerifier.VerifyAsync(db, body.ToArray(), checkpoints.VerifyAsync, ct);
            // A file that is no case file at all is bad input; a case file that does not match is an answer.
            if (result.CaseId is null)
                return TypedResults.Problem(result.Problems[0], statusCode: StatusCodes.Status400BadRequest, title: "The file cannot be verified");
            return TypedResults.Ok(result.ToDto());
        })
        .WithTags("Case file").WithName("VerifyCaseFile")
        .WithSummary("Whether a case file matches the audit trail now")
        // No Accepts metadata: routing would answer a wrong content type with 415 before authorization says 403.
        .WithDescription("The request body is the PDF itself (Content-Type: application/pdf). A file that is no case file is a 400 problem; a case file that does not match is a 200 with matches false and the problems.")
        .WithMetadata(new RequestSizeLimitAttribute(MaxFileBytes))
        .RequireAuthorization(Policies.Admin);
    }

    public static CaseFileVerificationDto ToDto(this CaseFileVerification v) =>
        new(v.Matches, v.CaseId, v.Reference, v.ExportedAt, v.Problems, v.Notes);
}
