using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Audit;

public sealed class AuditTrailTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    [Fact]
    public async Task TheChainVerifiesAfterNormalWork()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        await officer.CompleteAsync(id, "initial-report", Api.InitialReport);

        var result = await (await app.AdminAsync()).GetFromJsonAsync<JsonElement>("/api/audit/verify");

        Assert.True(result.GetProperty("valid").GetBoolean());
        Assert.True(result.GetProperty("events").GetInt64() >= 2);
    }

    [Fact]
    public async Task TheChainVerifiesAfterCommandsAtOnceCarryingAnyText()
    {
        // A case command's event is linked to the chain's end and hashed in SQL, the verifier hashes in C#: they must
        // agree on every character, and commands at the same moment must still make one unbroken chain.
        var officer = await app.OfficerAsync();
        var ids = new List<string>();
        for (var i = 0; i < 6; i++) ids.Add((await officer.CreateCaseAsync()).Id());
        var before = app.WithDb(db => db.AuditEvents.Count());
        const string note = "Zoë O'Brien said \"he's gone\" – 😀 \\n is not a break,\r\nthis is;\ttab; 100% ✓";
        var answers = new { fields = ((dynamic)Api.InitialReport).fields, note };

        var responses = await Task.WhenAll(ids.Select(id => officer.CompleteAsync(id, "initial-report", answers)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(before + ids.Count, app.WithDb(db => db.AuditEvents.Count()));
        var result = await (await app.AdminAsync()).GetFromJsonAsync<JsonElement>("/api/audit/verify");
        Assert.True(result.GetProperty("valid").GetBoolean(), result.ToString());
    }

    [Fact]
    public async Task OnlyAnAdminMayVerify()
    {
        var officer = await app.OfficerAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/audit/verify")).StatusCode);
    }

    [Fact]
    public async Task TheDatabaseRefusesToUpdateOrDeleteAuditRows()
    {
        var officer = await app.OfficerAsync();
        await officer.CreateCaseAsync();

        var update = await Assert.ThrowsAsync<PostgresException>(() => app.ExecuteAsync("UPDATE audit_events SET action = 'x'"));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => app.ExecuteAsync("DELETE FROM audit_events"));

        Assert.Contains("append-only", update.MessageText);
        Assert.Contains("append-only", delete.MessageText);
    }
}

/// <summary>Tampering needs the trigger off, so it gets a database of its own.</summary>
public sealed class AuditTamperingTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    [Fact]
    public async Task AlteringARowIsReportedAtThatRow()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        await officer.CompleteAsync(id, "initial-report", Api.InitialReport);
        await officer.CreateCaseAsync();
        var admin = await app.AdminAsync();
        Assert.True((await admin.GetFromJsonAsync<JsonElement>("/api/audit/verify")).GetProperty("valid").GetBoolean());

        await Tamper("UPDATE audit_events SET data = replace(data, 'initial attendance', 'nothing') WHERE action = 'step.completed'");
        var altered = await admin.GetFromJsonAsync<JsonElement>("/api/audit/verify");
        var alteredAt = app.WithDb(db => db.AuditEvents.Single(e => e.Action == "step.completed").Sequence.ToString());
        Assert.False(altered.GetProperty("valid").GetBoolean());
        Assert.Equal(alteredAt, altered.GetProperty("firstBrokenEventId").GetString());
    }

    private async Task Tamper(string sql) => await AuditTampering.TamperAsync(app, sql);
}

public sealed class AuditDeletionTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    [Fact]
    public async Task DeletingARowIsReportedAtTheNextOne()
    {
        var officer = await app.OfficerAsync();
        await officer.CreateCaseAsync();
        await officer.CreateCaseAsync();
        var admin = await app.AdminAsync();
        var last = app.WithDb(db => db.AuditEvents.Max(e => e.Sequence));

        await Tamper($"DELETE FROM audit_events WHERE sequence = {last - 1}");
        var result = await admin.GetFromJsonAsync<JsonElement>("/api/audit/verify");

        Assert.False(result.GetProperty("valid").GetBoolean());
        Assert.Equal(last.ToString(), result.GetProperty("firstBrokenEventId").GetString());
    }

    private async Task Tamper(string sql) => await AuditTampering.TamperAsync(app, sql);
}

internal static class AuditTampering
{
    // Only the database owner can switch the trigger off: exactly the tampering the chain must still reveal.
    public static Task TamperAsync(ReviewApp app, string sql) =>
        app.ExecuteAsync($"ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only; {sql}; ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only;");
}
