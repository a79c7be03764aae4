using Microsoft.AspNetCore.Http.HttpResults;

namespace ReviewWorkflow.Web.Casework;

/// <summary>
/// <c>POST /api/cases/{id}/documents</c>: a multipart form read by hand, so that too large a body is
/// a precise 413 and a broken one a 400, both before anything is stored.
/// </summary>
public static class DocumentUploadEndpoint
{
    private static readonly HashSet<string> Fields = new(StringComparer.OrdinalIgnoreCase) { "file", "stepKey", "itemId", "supersedes", "description" };

    public static async Task<Results<Created<DocumentDto>, ProblemHttpResult, ValidationProblem>> UploadAsync(Guid id, HttpRequest http,
        CaseProcedure cases, CaseDocuments documents, CurrentUser user, CancellationToken ct)
    {
        if (await cases.LoadAsync(id, user, ct) is not { } context) return CaseResults.NotFound();
        if (!http.HasFormContentType)
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Send the document as multipart/form-data", "body", "must be multipart/form-data with the file in the field 'file'");
        var limit = documents.MaxBytes + DocumentOptions.FormOverhead;
        if (http.ContentLength > limit) return TooLarge(documents);
        IFormCollection form;
        try
        {
            form = await http.ReadFormAsync(ct);
        }
        catch (InvalidDataException e) when (e.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase))
        {
            return TooLarge(documents);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(documents);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return Problem(StatusCodes.Status400BadRequest, "The form cannot be read", "body", e.Message);
        }
        var unknown = form.Keys.Concat(form.Files.Select(f => f.Name)).FirstOrDefault(k => !Fields.Contains(k));
        if (unknown is not null) return Problem(StatusCodes.Status400BadRequest, "The form is not valid", unknown, "is not a field of this form");
        var file = form.Files.GetFile("file");
        if (file is { Length: var length } && length > documents.MaxBytes) return TooLarge(documents);
        byte[]? content = null;
        if (file is not null)
        {
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }
        var upload = new DocumentUpload(file?.FileName, file?.ContentType, content, form["stepKey"], form["itemId"], form["supersedes"], form["description"]);
        var (outcome, document) = await documents.AddAsync(context, upload, user, ct);
        return document is null ? outcome.Failed<Created<DocumentDto>>("The document is not valid")
            : TypedResults.Created($"/api/cases/{id}/documents/{document.Id}", CaseDocuments.ToDto(document, null));
    }

    private static ProblemHttpResult TooLarge(CaseDocuments documents) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "The file is too large", "file", documents.TooLarge);

    private static ProblemHttpResult Problem(int status, string title, string field, string message) =>
        TypedResults.Problem($"{field}: {message}", statusCode: status, title: title,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });
}
