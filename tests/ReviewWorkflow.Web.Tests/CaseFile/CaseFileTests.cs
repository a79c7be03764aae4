using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewWorkflow.Tests;
using ReviewWorkflow.Web.Tests.Casework;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.CaseFile;

/// <summary>The case file read back with pdftotext and compared, field by field, with the case as the API gives it.</summary>
public sealed class CaseFileTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    [Fact]
    public async Task TheFileSaysWhatTheRecordSaysInTheOrderOfTheProcedure()
    {
        var walked = await CaseFiles.ClosedCaseAsync(app);
        var officer = await app.OfficerAsync();
        var c = await officer.GetCaseAsync(walked.Id);
        var eventsBefore = app.WithDb(db => db.AuditEvents.Where(e => e.CaseId == Guid.Parse(walked.Id)).OrderBy(e => e.Sequence).ToList());
        var headBefore = app.WithDb(db => db.AuditEvents.OrderByDescending(e => e.Sequence).First());

        var pdf = await officer.FileAsync(walked.Id);
        var file = await CaseFiles.TextAsync(pdf);

        file.At($"Case file {walked.Reference}");
        file.At("Variant Full record");
        var deceased = c.GetProperty("deceased");
        file.At($"Deceased {deceased.GetProperty("name").GetString()}");
        file.At($"Age {deceased.GetProperty("ageYears").GetInt32()} years");
        file.At($"Sex {deceased.GetProperty("sex").GetString()}");
        file.At($"Found {CaseFiles.Time(c.GetProperty("foundAt"))}");
        file.At($"Place {c.GetProperty("location").GetProperty("description").GetString()}");
        file.At($"Circumstances {c.GetProperty("circumstances").GetString()}");
        file.At($"Substances {string.Join(", ", c.GetProperty("substances").Strings())}");
        file.At($"Team {c.GetProperty("team").GetString()}");
        file.At($"Case officer {c.GetProperty("officer").GetProperty("displayName").GetString()}");
        file.At($"Opened {CaseFiles.Time(c.GetProperty("openedAt"))}");
        file.At($"Status closed {CaseFiles.Time(c.GetProperty("closedAt"))}");
        file.At("Classification Unexpected – investigated, not suspicious");
        foreach (var p in c.GetProperty("persons").EnumerateArray())
            file.At(p.GetProperty("phone").GetString() is { } phone ? $"{p.GetProperty("name").GetString()} ({phone})" : p.GetProperty("name").GetString()!);

        // Every step of the definition, in its order; each done step with who completed it and when.
        var previous = -1;
        var number = 0;
        foreach (var step in DefaultWorkflow.Definition.Steps)
        {
            var at = file.At($"2.{++number} {step.Title}");
            Assert.True(at > previous, $"step {step.Key} is out of the procedure's order");
            previous = at;
        }
        foreach (var s in c.GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("state").GetString() == "completed"))
            file.At($"by {s.GetProperty("completedBy").GetProperty("displayName").GetString()}, {CaseFiles.Time(s.GetProperty("completedAt"))}");

        // The return and its reason, before the redo; the sign-off, the classification and its review.
        var supervisorName = c.Step("supervisor-review").GetProperty("completedBy").GetProperty("displayName").GetString();
        var returned = file.At($"Returned for redo by {supervisorName}");
        Assert.True(file.At($"Reason {CaseFiles.ReturnReason}") > returned);
        Assert.True(file.At("2.2 Intelligence checks") < returned && returned < file.At("2.3 Linkage check"), "the return is recorded on the intelligence checks");
        file.At($"Rationale {ProcedureWalk.SignOffRationale}");
        file.At("Classified as Unexpected – investigated, not suspicious by");
        file.At($"Rationale {ProcedureWalk.ClassificationRationale}");
        file.At($"Rationale {ProcedureWalk.CloseRationale}");
        file.At("Outcome Accepted");

        // The linkage candidate with its reasons and disposition; the register with its action and answer.
        var candidate = file.At($"Candidate {walked.EarlierReference}");
        Assert.True(file.At("Disposition Linked, by") > candidate);
        file.At($"Rationale {CaseFiles.LinkRationale}");
        file.At($"FI-1: from {CaseFiles.Giver} (sister)");
        file.At($"Action {CaseFiles.ActionText}. Outcome:");
        file.At($"Answer to the family {CaseFiles.ResponseText}");
        file.At("3. Documents No documents are recorded for this case.");

        // The proof: every event of the case before the export, and the chain's head, by their hashes.
        var proof = file.At("4. Proof against the audit trail");
        foreach (var e in eventsBefore)
        {
            Assert.True(file.At($"Event {e.Sequence}: {e.Action}") > proof);
            file.At(e.Hash);
        }
        Assert.True(file.At($"Head of the chain event {headBefore.Sequence} {headBefore.Hash}") > proof);

        // The export itself is audited, with the SHA-256 of exactly these bytes.
        var sha = Convert.ToHexStringLower(SHA256.HashData(pdf));
        var export = app.WithDb(db => db.AuditEvents.Single(e => e.CaseId == Guid.Parse(walked.Id) && e.Action == "case.file-exported"));
        Assert.Contains(sha, export.Data);
        Assert.True(pdf.Length < 1024 * 1024, $"the file is {pdf.Length} bytes");
    }

    [Fact]
    public async Task TheFileListsEveryDocumentFiledWithItsSha256()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync(Api.NewCase())).Id();
        Assert.Contains("No documents are recorded for this case.", await CaseFiles.TextAsync(await officer.FileAsync(id)));
        var content = Files.Pdf("post-mortem interim report");
        Assert.Equal(HttpStatusCode.Created, (await officer.UploadAsync(id, content, "post-mortem.pdf", "application/pdf")).StatusCode);

        var file = await CaseFiles.TextAsync(await officer.FileAsync(id));

        Assert.True(file.At("3. Documents") < file.At("post-mortem.pdf"));
        file.At($"SHA-256 {Convert.ToHexStringLower(SHA256.HashData(content))}");
        Assert.DoesNotContain("No documents are recorded for this case.", file);
    }

    [Fact]
    public async Task TheRedactedVariantNamesFamilyAndPersonsNotChargedByTheirRoles()
    {
        var walked = await CaseFiles.ClosedCaseAsync(app);
        var officer = await app.OfficerAsync();

        var full = await CaseFiles.TextAsync(await officer.FileAsync(walked.Id));
        var redacted = await CaseFiles.TextAsync(await officer.FileAsync(walked.Id, redacted: true));
        var admin = await CaseFiles.TextAsync(await (await app.AdminAsync()).FileAsync(walked.Id));

        foreach (var name in new[] { CaseFiles.FamilyMember, CaseFiles.Giver, walked.Place.Finder, walked.Place.FinderPhone })
            full.At(name);
        foreach (var text in new[] { redacted, admin })
        {
            foreach (var name in new[] { CaseFiles.FamilyMember, CaseFiles.Giver, walked.Place.Finder, walked.Place.FinderPhone })
                Assert.DoesNotContain(name, text);
            text.At("Variant Redacted for disclosure");
            text.At("Family member [family member]");
            text.At("Finder [finder]");
            text.At("FI-1: from [sister], received");
            text.At("Deceased Gabriel Kovari"); // the deceased and the officers stay named
        }
    }

    [Fact]
    public async Task OnlyThoseWhoMayReadTheCaseGetItsFile()
    {
        var officer = await app.OfficerAsync();
        var westOfficer = await app.WestOfficerAsync();
        var id = (await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase())).Id();
        int Exports() => app.WithDb(db => db.AuditEvents.Count(e => e.Action == "case.file-exported"));
        var exports = Exports();
        var before = await app.SnapshotAsync();

        var west = await westOfficer.GetAsync($"/api/cases/{id}/file");
        await west.ProblemAsync(HttpStatusCode.NotFound);
        var unknown = await officer.GetAsync($"/api/cases/{Guid.NewGuid()}/file");
        await unknown.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/cases/{id}/file")).StatusCode);
        var badFlag = await officer.GetAsync($"/api/cases/{id}/file?redacted=perhaps");
        await badFlag.ProblemAsync(HttpStatusCode.BadRequest);
        await app.AssertUnchangedSinceAsync(before);
        Assert.Equal(exports, Exports()); // a refused export is not recorded as one

        // The inspector sees every team, as for the case itself; the supervisor of the team too.
        foreach (var reader in new[] { await app.InspectorAsync(), await app.SupervisorAsync() })
            Assert.NotEmpty(await reader.FileAsync(id));
    }

    [Fact]
    public async Task TheOpenApiDocumentListsTheCaseFileEndpoints()
    {
        var document = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/cases/{id}/file", out var file));
        Assert.True(file.GetProperty("get").GetProperty("responses").TryGetProperty("200", out var ok) && ok.TryGetProperty("content", out var content)
            && content.TryGetProperty("application/pdf", out _), file.ToString());
        Assert.True(paths.TryGetProperty("/api/case-files/verify", out _));
    }
}
