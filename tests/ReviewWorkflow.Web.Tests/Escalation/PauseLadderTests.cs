using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Escalation;

/// <summary>
/// The ladder across a pause: levels told before it count for the deadline they were told about; after an approved pause the
/// step has a new deadline (the expected date, or the end of the pause, plus the step's time) and its ladder starts again
/// from level 1, each level told once for that deadline.
/// </summary>
public sealed class PauseLadderTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private const string Step = "post-mortem-toxicology"; // seven days, ladder at 0 h, 12 h, 48 h past the deadline
    private static readonly TimeSpan Due = TimeSpan.FromDays(7);

    [Fact]
    public async Task AfterAnApprovedPauseTheLadderRestartsFromLevelOneAtTheNewDeadline()
    {
        var (c, firstDue) = await OverdueAtLevelTwoAsync();
        var until = app.Clock.GetUtcNow().AddDays(10);
        await AskAsync(c, until);
        await DecideAsync(c, "approve");
        Assert.Equal(until + Due, await DueAtAsync(c));

        app.Clock.Advance(TimeSpan.FromDays(10) + Due - TimeSpan.FromMinutes(1));
        await app.SweepAsync();
        Assert.Equal([(1, firstDue), (2, firstDue)], Levels(c)); // nothing while paused, nor before the new deadline

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.SweepAsync();
        await app.SweepAsync(); // a second sweep tells nobody twice
        Assert.Equal([(1, firstDue), (2, firstDue), (1, until + Due)], Levels(c));
        app.Clock.Advance(TimeSpan.FromHours(12));
        await app.SweepAsync();
        Assert.Equal([(1, firstDue), (2, firstDue), (1, until + Due), (2, until + Due)], Levels(c));
        Assert.Equal(4, app.OutboxOf(c).Count(m => m.StepKey == Step && m.Kind == "escalation"));
    }

    [Fact]
    public async Task APauseEndedEarlyRestartsTheLadderFromItsEnd()
    {
        var (c, firstDue) = await OverdueAtLevelTwoAsync();
        await AskAsync(c, app.Clock.GetUtcNow().AddDays(30));
        await DecideAsync(c, "approve");
        app.Clock.Advance(TimeSpan.FromDays(2)); // the results came early
        var ended = await (await app.OfficerAsync()).PostAsync($"/api/cases/{c.Id()}/steps/{Step}/pause/end", null).OkAsync();
        var restart = ended.Step(Step).GetProperty("pause").GetProperty("endedAt").GetDateTimeOffset();
        Assert.Equal(restart + Due, ended.Step(Step).GetProperty("dueAt").GetDateTimeOffset());

        app.Clock.Advance(Due);
        await app.SweepAsync();
        Assert.Equal([(1, firstDue), (2, firstDue), (1, restart + Due)], Levels(c));
    }

    [Fact]
    public async Task ARefusedPauseLeavesTheDeadlineAndTheLevelsAlreadyTold()
    {
        var (c, firstDue) = await OverdueAtLevelTwoAsync();
        await AskAsync(c, app.Clock.GetUtcNow().AddDays(10));
        await DecideAsync(c, "refuse");
        Assert.Equal(firstDue, await DueAtAsync(c));

        app.Clock.Advance(TimeSpan.FromDays(3)); // past level 3 of the first deadline
        await app.SweepAsync();
        Assert.Equal([(1, firstDue), (2, firstDue), (3, firstDue)], Levels(c));
    }

    [Fact]
    public async Task ASecondPauseAskedForKeepsTheFirstOnesDeadlineUntilApprovedAndThenRestartsTheLadderAgain()
    {
        var (c, firstDue) = await OverdueAtLevelTwoAsync();
        var firstUntil = app.Clock.GetUtcNow().AddDays(5);
        await AskAsync(c, firstUntil);
        await DecideAsync(c, "approve");
        app.Clock.Advance(TimeSpan.FromDays(5) + Due + TimeSpan.FromHours(1));
        await app.SweepAsync();
        Assert.Equal([(1, firstDue), (2, firstDue), (1, firstUntil + Due)], Levels(c));

        // Asked for, not yet approved: the deadline stays the first pause's, not the one before it.
        var secondUntil = app.Clock.GetUtcNow().AddDays(10);
        await AskAsync(c, secondUntil);
        Assert.Equal(firstUntil + Due, await DueAtAsync(c));
        app.Clock.Advance(TimeSpan.FromHours(12));
        await app.SweepAsync();
        Assert.Equal([(1, firstDue), (2, firstDue), (1, firstUntil + Due), (2, firstUntil + Due)], Levels(c));

        await DecideAsync(c, "approve");
        Assert.Equal(secondUntil + Due, await DueAtAsync(c));
        app.Clock.Advance(secondUntil + Due - app.Clock.GetUtcNow());
        await app.SweepAsync();
        Assert.Equal([(1, firstDue), (2, firstDue), (1, firstUntil + Due), (2, firstUntil + Due), (1, secondUntil + Due)], Levels(c));
    }

    [Fact]
    public async Task APauseOnAClosedCaseIsRefusedAndNothingEscalates()
    {
        var (officer, supervisor) = (await app.OfficerAsync(), await app.SupervisorAsync());
        var c = await officer.ToClosedAsync(supervisor, ProcedureWalk.IsolatedCase());
        var before = await app.SnapshotAsync();

        var refused = await officer.PostAsJsonAsync($"/api/cases/{c.Id()}/steps/{Step}/pause",
            new { reason = "Toxicology is with the forensic laboratory.", until = app.Clock.GetUtcNow().AddDays(10) });
        var problem = await refused.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("closed", problem.GetProperty("detail").GetString());
        await app.AssertUnchangedSinceAsync(before);

        app.Clock.Advance(TimeSpan.FromDays(30));
        await app.SweepAsync();
        Assert.Empty(app.EscalationsOf(c));
    }

    /// <summary>A case whose toxicology step is 12 h overdue: levels 1 and 2 told for its first deadline.</summary>
    private async Task<(JsonElement Case, DateTimeOffset Due)> OverdueAtLevelTwoAsync()
    {
        var c = await (await app.OfficerAsync()).CreateCaseAsync(ProcedureWalk.IsolatedCase());
        var due = await DueAtAsync(c);
        app.Clock.Advance(due + TimeSpan.FromHours(12) - app.Clock.GetUtcNow());
        await app.SweepAsync();
        Assert.Equal([(1, due), (2, due)], Levels(c));
        return (c, due);
    }

    private async Task AskAsync(JsonElement c, DateTimeOffset until) =>
        await (await app.OfficerAsync()).PostAsJsonAsync($"/api/cases/{c.Id()}/steps/{Step}/pause",
            new { reason = "Toxicology is with the forensic laboratory.", until }).OkAsync();

    private async Task DecideAsync(JsonElement c, string decision) =>
        await (await app.SupervisorAsync()).PostAsJsonAsync($"/api/cases/{c.Id()}/steps/{Step}/pause/decision",
            new { decision, rationale = "The laboratory's queue is known." }).OkAsync();

    private async Task<DateTimeOffset> DueAtAsync(JsonElement c) =>
        (await (await app.OfficerAsync()).GetCaseAsync(c.Id())).Step(Step).GetProperty("dueAt").GetDateTimeOffset();

    private List<(int Level, DateTimeOffset DueAt)> Levels(JsonElement c)
    {
        var id = Guid.Parse(c.Id());
        return app.WithDb(db => db.Escalations.Where(e => e.CaseId == id && e.StepKey == Step).OrderBy(e => e.DueAt).ThenBy(e => e.Level)
            .Select(e => new { e.Level, e.DueAt }).ToList()).Select(e => (e.Level, e.DueAt)).ToList();
    }
}
