using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.CaseFile;

/// <summary>A case file against the audit trail over the API (an administrator's), and what is no case file at all.</summary>
public sealed class VerifyFileTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    [Fact]
    public async Task TheApiTellsAMatchingFileFromAnAlteredOneAndRefusesWhatIsNoCaseFile()
    {
        var officer = await app.OfficerAsync();
        var admin = await app.AdminAsync();
        var id = (await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase())).Id();
        await officer.CompleteAsync(id, "initial-report", Api.InitialReport);
        var pdf = await officer.FileAsync(id);

        var intact = await admin.VerifyAsync(pdf).OkAsync();
        Assert.True(intact.GetProperty("matches").GetBoolean(), intact.ToString());
        Assert.Equal(id, intact.GetProperty("caseId").GetString());

        // Something added after the end (as an editor's incremental save does): still a readable case file, but no export's bytes.
        byte[] altered = [.. pdf, .. "\n% annotated later\n"u8.ToArray()];
        var mismatch = await admin.VerifyAsync(altered).OkAsync();
        Assert.False(mismatch.GetProperty("matches").GetBoolean());
        Assert.Contains("no export of case", mismatch.GetProperty("problems")[0].GetString());

        await (await admin.VerifyAsync("this is not a PDF"u8.ToArray())).ProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.VerifyAsync([])).ProblemAsync(HttpStatusCode.BadRequest);
        var plainPdf = await (await admin.VerifyAsync("%PDF-1.4\n%%EOF\n"u8.ToArray())).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("PDF", plainPdf.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.VerifyAsync(pdf)).StatusCode);
    }
}

/// <summary>
/// export-files and verify-file as an operator runs them: the real program in its own process, on the
/// database. Tampering needs the trigger off, so this class has a database of its own.
/// </summary>
public sealed class CaseFileCommandTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    [Fact]
    public async Task ExportFilesWritesTheBatchAndVerifyFileFailsOnceAnAuditRowIsChanged()
    {
        var officer = await app.OfficerAsync();
        var first = (await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase())).GetProperty("reference").GetString()!;
        var second = await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase());
        var folder = Path.Combine(Path.GetTempPath(), $"casefiles-{Guid.NewGuid():N}");
        try
        {
            var (unknownCode, unknownOutput) = await RunAsync("export-files", folder, first, "R-NO-SUCH-CASE");
            Assert.Equal(1, unknownCode);
            Assert.Contains("R-NO-SUCH-CASE: no case has this reference or id", unknownOutput);
            Assert.False(Directory.Exists(folder) && Directory.EnumerateFiles(folder).Any(), "nothing is written when a reference is unknown");

            var (code, output) = await RunAsync("export-files", folder, first, second.Id());
            Assert.True(code == 0, output);
            Assert.Contains($"[1/2] {first}", output);
            Assert.Contains("exported 2 case file(s)", output);
            var files = Directory.EnumerateFiles(folder, "*.pdf").Order().ToList();
            Assert.Equal(2, files.Count);

            var (intactCode, intactOutput) = await RunAsync(["verify-file", .. files]);
            Assert.True(intactCode == 0, intactOutput);
            Assert.Contains("MATCHES the audit trail", intactOutput);

            // The second case's opening event is changed in place, its seal left as it was.
            await app.ExecuteAsync($"""
                ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only;
                UPDATE audit_events SET data = replace(data, 'unexplained-death', 'tampered-death') WHERE case_id = '{second.Id()}' AND action = 'case.created';
                ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only;
                """);
            var (brokenCode, brokenOutput) = await RunAsync(["verify-file", .. files]);
            Assert.Equal(1, brokenCode);
            Assert.Contains("does NOT match the audit trail", brokenOutput);
            Assert.Contains("its content no longer matches its seal", brokenOutput);

            var (missingCode, missingOutput) = await RunAsync("verify-file", Path.Combine(folder, "absent.pdf"));
            Assert.Equal(2, missingCode);
            Assert.Contains("absent.pdf: no such file", missingOutput);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    private Task<(int Code, string Output)> RunAsync(params string[] args) => AppCommand.RunAsync(app.ConnectionString, args);
}

internal static class VerifyRequests
{
    public static Task<HttpResponseMessage> VerifyAsync(this HttpClient client, byte[] file)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return client.PostAsync("/api/case-files/verify", content);
    }
}
