using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ReviewWorkflow.Web.Casework;

/// <summary>
/// The case log (notes and directions), documents and exhibits over HTTP, by the use cases the
/// casework pages run too. Reads 404 for a case of another team (RequireVisibleCase); changes load
/// the case first, which answers the same.
/// </summary>
public static class CaseworkEndpoints
{
    public static void MapCasework(this IEndpointRouteBuilder routes)
    {
        var notes = routes.MapGroup("/api/cases/{id:guid}/notes").WithTags("Notes and directions").RequireAuthorization(Policies.Casework);

        notes.MapGet("/", async Task<Results<Ok<CaseLogDto>, ProblemHttpResult>> (Guid id, ReviewDb db, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(await CaseLog.ReadAsync(db, id, clock.GetUtcNow(), ct))).RequireVisibleCase();

        notes.MapPost("/", (Guid id, NoteRequest request, CaseProcedure cases, CaseLog log, ReviewDb db, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
            ChangeAsync(cases.LoadAsync(id, user, ct), context => log.AddAsync(context, request, user, ct), "The note is not valid",
                async note => TypedResults.Created($"/api/cases/{id}/notes/{note.Id}", await CaseLog.DtoAsync(db, note, clock.GetUtcNow(), ct))));

        notes.MapPost("/{noteId:long}/response", (Guid id, long noteId, DirectionResponseRequest request, CaseProcedure cases, CaseLog log, ReviewDb db,
            CurrentUser user, TimeProvider clock, CancellationToken ct) =>
            ChangeAsync(cases.LoadAsync(id, user, ct), context => log.RespondAsync(context, noteId, request, user, ct), "The response is not valid",
                async note => TypedResults.Ok(await CaseLog.DtoAsync(db, note, clock.GetUtcNow(), ct))));

        var documents = routes.MapGroup("/api/cases/{id:guid}/documents").WithTags("Documents").RequireAuthorization(Policies.Casework);
        var limits = routes.ServiceProvider.GetRequiredService<IOptions<DocumentOptions>>().Value;

        documents.MapGet("/", async Task<Results<Ok<List<DocumentDto>>, ProblemHttpResult>> (Guid id, ReviewDb db, CancellationToken ct) =>
            TypedResults.Ok(await CaseDocuments.ListAsync(db, id, ct))).RequireVisibleCase();

        documents.MapPost("/", DocumentUploadEndpoint.UploadAsync)
            .WithUploadBody()
            // This endpoint alone takes more than the app's 1 MiB: the configured file size and the form around it.
            .WithMetadata(new RequestSizeLimitAttribute(limits.MaxRequestBytes))
            .WithFormOptions(multipartBodyLengthLimit: limits.MaxRequestBytes);

        documents.MapGet("/{docId:guid}", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (Guid id, Guid docId, CaseDocuments files,
            CurrentUser user, HttpResponse response, CancellationToken ct) =>
        {
            if (await files.DownloadAsync(id, docId, user, ct) is not { } d)
                return TypedResults.Problem($"no document {docId} on this case", statusCode: StatusCodes.Status404NotFound, title: "Not found");
            response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(d.Sha256))}:";
            return TypedResults.File(d.Content, d.ContentType, d.FileName);
        }).RequireVisibleCase();

        routes.MapGet("/api/cases/{id:guid}/series", async Task<Results<Ok<SeriesDto>, ProblemHttpResult>> (Guid id, ReviewDb db, CurrentUser user, CancellationToken ct) =>
                TypedResults.Ok(await CaseSeries.ReadAsync(db, id, user, ct)))
            .RequireVisibleCase().WithTags("Series").RequireAuthorization(Policies.Casework);

        var exhibits = routes.MapGroup("/api/cases/{id:guid}/exhibits").WithTags("Exhibits").RequireAuthorization(Policies.Casework);

        exhibits.MapGet("/", async Task<Results<Ok<List<ExhibitDto>>, ProblemHttpResult>> (Guid id, ReviewDb db, CancellationToken ct) =>
            TypedResults.Ok(await ExhibitRegister.ListAsync(db, id, ct))).RequireVisibleCase();

        exhibits.MapPost("/", (Guid id, ExhibitRequest request, CaseProcedure cases, ExhibitRegister register, ReviewDb db, CurrentUser user, CancellationToken ct) =>
            ChangeAsync(cases.LoadAsync(id, user, ct), context => register.AddAsync(context, request, user, ct), "The exhibit is not valid",
                async exhibit => TypedResults.Created($"/api/cases/{id}/exhibits/{exhibit.Id}", (await ExhibitRegister.ReadAsync(db, id, exhibit.Id, ct))!)));

        exhibits.MapPost("/{exhibitId:long}/movements", (Guid id, long exhibitId, MovementRequest request, CaseProcedure cases, ExhibitRegister register,
            ReviewDb db, CurrentUser user, CancellationToken ct) =>
            ChangeAsync(cases.LoadAsync(id, user, ct), context => register.MoveAsync(context, exhibitId, request, user, ct), "The movement is not valid",
                async exhibit => TypedResults.Ok((await ExhibitRegister.ReadAsync(db, id, exhibit.Id, ct))!)));
    }

    /// <summary>A casework change over HTTP: on the route's case (404 when missing or another team's), answered with what was filed as it now is.</summary>
    public static async Task<Results<TResult, ProblemHttpResult, ValidationProblem>> ChangeAsync<T, TResult>(Task<CaseContext?> load,
        Func<CaseContext, Task<Filed<T>>> change, string invalidTitle, Func<T, Task<TResult>> done) where T : class where TResult : IResult
    {
        var (outcome, value) = await load is { } context ? await change(context) : new Filed<T>(new CaseNotFound(), null);
        return value is null ? outcome.Failed<TResult>(invalidTitle) : await done(value);
    }
}
