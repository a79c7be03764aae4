using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using ReviewWorkflow.Web.Tests.FamilyInformation;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Casework;

/// <summary>The app with a small document limit, so "too large" costs kilobytes, not 25 MiB.</summary>
public sealed class SmallDocumentsApp : ReviewApp
{
    public const int MaxBytes = 4096;

    public SmallDocumentsApp() => Settings["Documents:MaxBytes"] = MaxBytes.ToString();
}

/// <summary>Documents: filed with their hash, typed from their content, versioned not replaced, every download audited.</summary>
public sealed class DocumentsTests(SmallDocumentsApp app) : IClassFixture<SmallDocumentsApp>
{
    private static string FirstError(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"expected 201, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task FiledDocumentKeepsItsHashIsListedAndEachDownloadIsAudited()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        var pdf = Files.Pdf("post-mortem report");

        var filed = await CreatedAsync(await officer.UploadAsync(id, pdf, "post-mortem.pdf", "application/pdf", ("stepKey", "post-mortem-toxicology"), ("description", "Interim report")));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), filed.GetProperty("sha256").GetString());
        Assert.Equal(("application/pdf", pdf.Length, "post-mortem-toxicology", 1), (filed.GetProperty("contentType").GetString(), filed.GetProperty("size").GetInt32(),
            filed.GetProperty("stepKey").GetString(), filed.GetProperty("version").GetInt32()));
        var listed = Assert.Single((await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/documents")).EnumerateArray());
        Assert.Equal("post-mortem.pdf", listed.GetProperty("fileName").GetString());

        var supervisor = await app.SupervisorAsync();
        for (var i = 0; i < 2; i++)
        {
            var download = await supervisor.GetAsync(filed.GetProperty("link").GetString());
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
            Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        }
        var actions = await officer.AuditActionsAsync(id);
        Assert.Single(actions, a => a == "document.added");
        Assert.Equal(2, actions.Count(a => a == "document.downloaded"));
    }

    [Fact]
    public async Task TypeIsReadFromTheContentNotTheNameOrTheDeclaredType()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();

        var png = await CreatedAsync(await officer.UploadAsync(id, Files.Png, "scene.txt"));
        var jpeg = await CreatedAsync(await officer.UploadAsync(id, Files.Jpeg, "scene", null));
        var text = await CreatedAsync(await officer.UploadAsync(id, Files.Text("Zeugenaussage: Straße, 04:00 — ok\n"), "statement.pdf"));
        var docx = await CreatedAsync(await officer.UploadAsync(id, Files.Docx(), "statement.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"));

        Assert.Equal(["image/png", "image/jpeg", "text/plain; charset=utf-8", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
            new[] { png, jpeg, text, docx }.Select(d => d.GetProperty("contentType").GetString()));
    }

    [Fact]
    public async Task ForgedOrUnacceptedContentIsRefusedNamingTheFileAndChangesNothing()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        var before = await app.SnapshotAsync();

        var exe = await (await officer.UploadAsync(id, Files.Executable, "statement.pdf", "application/pdf")).ProblemAsync(HttpStatusCode.BadRequest);
        var pngAsPdf = await (await officer.UploadAsync(id, Files.Png, "report.pdf", "application/pdf")).ProblemAsync(HttpStatusCode.BadRequest);
        var zip = await (await officer.UploadAsync(id, Files.Zip("payload.js"), "statement.docx")).ProblemAsync(HttpStatusCode.BadRequest);
        var empty = await (await officer.UploadAsync(id, [], "empty.txt")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.StartsWith("the content is none of the accepted types", FirstError(exe, "file"));
        Assert.Equal("the content is PNG, but it was sent as PDF (application/pdf)", FirstError(pngAsPdf, "file"));
        Assert.StartsWith("the content is none of the accepted types", FirstError(zip, "file"));
        Assert.Equal("is empty", FirstError(empty, "file"));
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task OversizedFileIsA413NamingTheLimitAndChangesNothing()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        var before = await app.SnapshotAsync();
        var justOver = Files.Text(new string('a', SmallDocumentsApp.MaxBytes + 1));
        var farOver = Files.Text(new string('a', SmallDocumentsApp.MaxBytes + 200 * 1024));

        var file = await (await officer.UploadAsync(id, justOver, "long.txt")).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        var body = await (await officer.UploadAsync(id, farOver, "longer.txt")).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal("at most 4,096 bytes", FirstError(file, "file"));
        Assert.Equal(FirstError(file, "file"), FirstError(body, "file"));
        await app.AssertUnchangedSinceAsync(before);
        await CreatedAsync(await officer.UploadAsync(id, Files.Text(new string('a', SmallDocumentsApp.MaxBytes)), "exactly.txt"));
    }

    [Fact]
    public async Task NewVersionSupersedesTheOldWhichStaysAndAVersionIsSupersededOnce()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        var itemId = (await officer.LoggedAsync(id, Register.Item(app.Clock.GetUtcNow().AddHours(-1)))).GetProperty("id").ToString();
        var first = await CreatedAsync(await officer.UploadAsync(id, Files.Text("v1\n"), "statement.txt", "text/plain", ("itemId", itemId)));
        var firstId = first.GetProperty("id").GetString()!;

        var second = await CreatedAsync(await officer.UploadAsync(id, Files.Text("v2, corrected\n"), "statement.txt", "text/plain", ("supersedes", firstId)));
        var before = await app.SnapshotAsync();
        var again = await (await officer.UploadAsync(id, Files.Text("v2 again\n"), "statement.txt", "text/plain", ("supersedes", firstId))).ProblemAsync(HttpStatusCode.Conflict);
        await app.AssertUnchangedSinceAsync(before);

        Assert.Equal((2, firstId, long.Parse(itemId)), (second.GetProperty("version").GetInt32(), second.GetProperty("supersedes").GetString(), second.GetProperty("itemId").GetInt64()));
        Assert.Contains("already superseded", again.GetProperty("detail").GetString());
        var list = (await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/documents")).EnumerateArray().ToList();
        Assert.Equal(second.GetProperty("id").GetString(), list.Single(d => d.GetProperty("id").GetString() == firstId).GetProperty("supersededBy").GetString());
        Assert.Equal(Files.Text("v1\n"), await (await officer.GetAsync(first.GetProperty("link").GetString())).Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task BadAttachmentsUnknownFieldsAndAFormThatIsNotMultipartAreRefused()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        var before = await app.SnapshotAsync();

        var step = await (await officer.UploadAsync(id, Files.Pdf(), "a.pdf", "application/pdf", ("stepKey", "no-such-step"))).ProblemAsync(HttpStatusCode.BadRequest);
        var item = await (await officer.UploadAsync(id, Files.Pdf(), "a.pdf", "application/pdf", ("itemId", "999999"))).ProblemAsync(HttpStatusCode.BadRequest);
        var old = await (await officer.UploadAsync(id, Files.Pdf(), "a.pdf", "application/pdf", ("supersedes", Guid.NewGuid().ToString()))).ProblemAsync(HttpStatusCode.BadRequest);
        var unknown = await (await officer.UploadAsync(id, Files.Pdf(), "a.pdf", "application/pdf", ("owner", "me"))).ProblemAsync(HttpStatusCode.BadRequest);
        var json = await (await officer.PostAsJsonAsync($"/api/cases/{id}/documents", new { file = "JVBERi0=" })).ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        var noFile = await (await officer.PostAsync($"/api/cases/{id}/documents", new MultipartFormDataContent { { new StringContent("x"), "description" } })).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("no step 'no-such-step' in this case's procedure", FirstError(step, "stepKey"));
        Assert.Equal("no such family information item on this case", FirstError(item, "itemId"));
        Assert.Equal("no such document on this case", FirstError(old, "supersedes"));
        Assert.Equal("is not a field of this form", FirstError(unknown, "owner"));
        Assert.Equal(415, json.GetProperty("status").GetInt32());
        Assert.StartsWith("required", FirstError(noFile, "file"));
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task AnotherTeamSeesNoDocumentAndCannotFileOne()
    {
        var officer = await app.OfficerAsync();
        var west = await app.WestOfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        var filed = await CreatedAsync(await officer.UploadAsync(id, Files.Pdf(), "a.pdf"));
        var before = await app.SnapshotAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await west.GetAsync($"/api/cases/{id}/documents")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await west.GetAsync(filed.GetProperty("link").GetString())).StatusCode);
        await (await west.UploadAsync(id, Files.Pdf(), "b.pdf")).ProblemAsync(HttpStatusCode.NotFound);
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task TheDatabaseRefusesToChangeOrDeleteAFiledDocument()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        await CreatedAsync(await officer.UploadAsync(id, Files.Pdf(), "a.pdf"));

        var update = await Assert.ThrowsAsync<PostgresException>(() => app.ExecuteAsync($"UPDATE case_documents SET file_name = 'b.pdf' WHERE case_id = '{id}'"));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => app.ExecuteAsync($"DELETE FROM case_documents WHERE case_id = '{id}'"));

        Assert.Contains("append-only", update.MessageText);
        Assert.Contains("append-only", delete.MessageText);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesEveryCaseworkEndpointAndTheUploadsMultipartBody()
    {
        var document = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        foreach (var path in new[] { "/api/cases/{id}/notes", "/api/cases/{id}/notes/{noteId}/response", "/api/cases/{id}/documents",
                     "/api/cases/{id}/documents/{docId}", "/api/cases/{id}/exhibits", "/api/cases/{id}/exhibits/{exhibitId}/movements" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not in the OpenAPI document");
        var upload = paths.GetProperty("/api/cases/{id}/documents").GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data");
        Assert.Equal("binary", upload.GetProperty("schema").GetProperty("properties").GetProperty("file").GetProperty("format").GetString());
    }
}
