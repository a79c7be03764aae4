using Microsoft.Extensions.DependencyInjection;
using ReviewWorkflow.Web.Audit;
using ReviewWorkflow.Web.Tests.Audit;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.CaseFile;

/// <summary>
/// Verifying a case file over the API checks the case's events and their links, and the chain from its
/// latest checkpoint: it walks only what came after, and a tampered event is found all the same.
/// Tampering needs the trigger off, so this class has a database of its own.
/// </summary>
public sealed class CheckpointedVerifyTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    [Fact]
    public async Task AVerificationWalksOnlyWhatFollowsTheCheckpointAndStillFindsTheCasesAlteredEvent()
    {
        var officer = await app.OfficerAsync();
        var admin = await app.AdminAsync();
        var id = (await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase())).Id();
        await officer.CompleteAsync(id, "initial-report", Api.InitialReport);
        var pdf = await officer.FileAsync(id);

        var first = await admin.VerifyAsync(pdf).OkAsync(); // no checkpoint yet: the whole chain, then one is set
        Assert.True(first.GetProperty("matches").GetBoolean(), first.ToString());
        var through = app.WithDb(db => db.AuditEvents.Where(e => e.Action == AuditCheckpoints.Action).Select(e => e.Data).Single());
        await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase()); // more events after the checkpoint

        var total = app.WithDb(db => db.AuditEvents.Count());
        var walked = await CheckAsync();
        Assert.True(walked.Valid, walked.Problem);
        var checkpointed = app.WithDb(db => db.AuditEvents.Where(e => e.Action == AuditCheckpoints.Action).Select(e => e.Sequence).Single());
        Assert.Equal(total - checkpointed + 1, walked.Events); // from the checkpoint's anchor on, not the whole trail
        Assert.Contains("\"through\":", through);

        // The case's opening event, long before the checkpoint, changed in place with its seal left as it was.
        await AuditTampering.TamperAsync(app,
            $"UPDATE audit_events SET data = replace(data, 'unexplained-death', 'tampered-death') WHERE case_id = '{id}' AND action = 'case.created'");
        var altered = await admin.VerifyAsync(pdf).OkAsync();

        Assert.False(altered.GetProperty("matches").GetBoolean());
        Assert.Contains(altered.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains("its content no longer matches its seal"));
    }

    private async Task<AuditVerification> CheckAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AuditCheckpoints>().VerifyAsync();
    }
}

/// <summary>A replaced event of the case, an altered event of another case after the checkpoint, and a chain rewritten up to the checkpoint: each is reported.</summary>
public sealed class CheckpointTamperingTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    [Fact]
    public async Task EachTamperingIsReportedAndTheFileMatchesOnceItIsUndone()
    {
        var officer = await app.OfficerAsync();
        var admin = await app.AdminAsync();
        var id = (await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase())).Id();
        await officer.CompleteAsync(id, "initial-report", Api.InitialReport);
        var pdf = await officer.FileAsync(id);
        Assert.True((await admin.VerifyAsync(pdf).OkAsync()).GetProperty("matches").GetBoolean());
        var other = (await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase())).Id(); // after the checkpoint

        var created = app.WithDb(db => db.AuditEvents.Where(e => e.CaseId == Guid.Parse(id) && e.Action == "case.created").Select(e => new { e.Sequence, e.Hash }).Single());
        var (replaced, seal) = (created.Sequence, created.Hash);
        await AuditTampering.TamperAsync(app, $"UPDATE audit_events SET hash = repeat('0', 64) WHERE sequence = {replaced}");
        var problems = await ProblemsAsync(admin, pdf);
        Assert.Contains(problems, p => p.Contains($"event {replaced}: its seal in the trail differs from the file's"));
        Assert.Contains(problems, p => p.Contains($"does not link to the case's event {replaced}"));
        await AuditTampering.TamperAsync(app, $"UPDATE audit_events SET hash = '{seal}' WHERE sequence = {replaced}");
        Assert.Empty(await ProblemsAsync(admin, pdf));

        var otherEvent = app.WithDb(db => db.AuditEvents.Where(e => e.CaseId == Guid.Parse(other)).Min(e => e.Sequence));
        await AuditTampering.TamperAsync(app, $"UPDATE audit_events SET actor_name = 'Someone Else' WHERE sequence = {otherEvent}");
        Assert.Contains(await ProblemsAsync(admin, pdf), p => p.StartsWith($"the audit trail is broken at event {otherEvent}", StringComparison.Ordinal));
        await AuditTampering.TamperAsync(app, $"UPDATE audit_events SET actor_name = 'Olivia Officer' WHERE sequence = {otherEvent}");
        Assert.Empty(await ProblemsAsync(admin, pdf));

        // Every event up to the checkpoint's anchor rewritten with new seals would give the anchor a new hash.
        var anchor = app.WithDb(db => db.AuditEvents.Where(e => e.Action == AuditCheckpoints.Action).Select(e => e.Sequence).Single()) - 1;
        await AuditTampering.TamperAsync(app, $"UPDATE audit_events SET hash = repeat('1', 64) WHERE sequence = {anchor}");
        Assert.Contains(await ProblemsAsync(admin, pdf), p => p.Contains($"broken at event {anchor}: it no longer matches checkpoint"));
    }

    private static async Task<List<string>> ProblemsAsync(HttpClient admin, byte[] pdf) =>
        [.. (await admin.VerifyAsync(pdf).OkAsync()).GetProperty("problems").EnumerateArray().Select(p => p.GetString()!)];
}
