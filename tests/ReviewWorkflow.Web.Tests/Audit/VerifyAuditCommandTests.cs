using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Audit;

/// <summary><c>verify-audit</c> as an operator runs it: the real program, in its own process, on the database.</summary>
public sealed class VerifyAuditCommandTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    [Fact]
    public async Task TheCommandPassesAnIntactChainAndFailsAReorderedOne()
    {
        var officer = await app.OfficerAsync();
        for (var i = 0; i < 3; i++) await officer.CreateCaseAsync();

        var (intactCode, intactOutput) = await RunAsync("verify-audit");
        Assert.Equal(0, intactCode);
        Assert.Contains("audit trail valid", intactOutput);

        // Swap the content of two adjacent events, keeping each row's own hash: a reordering.
        await app.ExecuteAsync("""
            ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only;
            UPDATE audit_events SET sequence = -1 WHERE sequence = 2;
            UPDATE audit_events SET sequence = 2 WHERE sequence = 3;
            UPDATE audit_events SET sequence = 3 WHERE sequence = -1;
            ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only;
            """);
        var (brokenCode, brokenOutput) = await RunAsync("verify-audit");

        Assert.Equal(1, brokenCode);
        Assert.Contains("BROKEN at event 2", brokenOutput);
    }

    private Task<(int Code, string Output)> RunAsync(string command) => AppCommand.RunAsync(app.ConnectionString, command);
}
