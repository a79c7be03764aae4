using System.Net.Http.Json;
using System.Text.Json;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Escalation;

/// <summary>
/// The ladder at a new deadline other than a pause's (those are <see cref="PauseLadderTests"/>): a step returned for redo
/// by a supervisor, and a step named to redo by a migration, run again from the return and their ladder starts again from
/// level 1 at that deadline, each level recorded and mailed once for it however often the sweep runs.
/// </summary>
public sealed class NewDeadlineLadderTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private const string Step = "digital-devices"; // seven days, ladder at 0 h, 12 h, 48 h past the deadline
    private static readonly TimeSpan Due = TimeSpan.FromDays(7);

    [Fact]
    public async Task AStepReturnedForRedoRestartsItsLadderFromLevelOneAtTheNewDeadline()
    {
        var (c, firstDue) = await OverdueAtLevelTwoAsync();
        var (officer, supervisor) = (await app.OfficerAsync(), await app.SupervisorAsync()); // signed in after the clock moved on
        await officer.CompleteWorkAsync(c.Id());
        var returned = await supervisor.SignOffAsync(c.Id(), "return", "The device decisions need a rationale per device.", [Step]).OkAsync();
        var newDue = returned.Step(Step).GetProperty("dueAt").GetDateTimeOffset();
        Assert.Equal(app.Clock.GetUtcNow() + Due, newDue, TimeSpan.FromSeconds(1));

        await ClimbTheNewLadderAsync(c, firstDue, newDue);
    }

    [Fact]
    public async Task AStepNamedToRedoByAMigrationRestartsItsLadderFromLevelOneAtTheNewDeadline()
    {
        var (c, firstDue) = await OverdueAtLevelTwoAsync();
        var officer = await app.OfficerAsync();
        await officer.CompleteAsync(c.Id(), Step, ProcedureWalk.Answers(Step, liaison: c.GetProperty("officer").GetProperty("id").GetString()!)).OkAsync();
        var moved = await (await app.AdminAsync()).PostAsJsonAsync("/api/admin/migrations", new
        {
            from = new { key = "unexplained-death", version = 1 }, to = new { key = "unexplained-death", version = 2 },
            cases = new[] { c.Id() }, redo = new[] { Step }, apply = true,
        }).OkAsync();
        Assert.Equal(1, moved.GetProperty("applied").GetInt32());
        var newDue = (await officer.GetCaseAsync(c.Id())).Step(Step).GetProperty("dueAt").GetDateTimeOffset();
        Assert.Equal(app.Clock.GetUtcNow() + Due, newDue, TimeSpan.FromSeconds(1));

        await ClimbTheNewLadderAsync(c, firstDue, newDue);
    }

    /// <summary>Nothing before the new deadline; then levels 1 and 2 for it, each once through two sweeps and in the mail once.</summary>
    private async Task ClimbTheNewLadderAsync(JsonElement c, DateTimeOffset firstDue, DateTimeOffset newDue)
    {
        app.Clock.Advance(newDue - TimeSpan.FromMinutes(1) - app.Clock.GetUtcNow());
        await app.SweepAsync();
        Assert.Equal([(1, firstDue), (2, firstDue)], Levels(c));

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.SweepAsync();
        await app.SweepAsync(); // a second sweep tells nobody twice
        Assert.Equal([(1, firstDue), (2, firstDue), (1, newDue)], Levels(c));
        app.Clock.Advance(TimeSpan.FromHours(12));
        await app.SweepAsync();
        await app.SweepAsync();
        Assert.Equal([(1, firstDue), (2, firstDue), (1, newDue), (2, newDue)], Levels(c));

        await app.DeliverAllDueAsync();
        var messages = app.OutboxOf(c).Where(m => m.StepKey == Step && m.Kind == "escalation").ToList();
        Assert.Equal(4, messages.Count);
        var delivered = app.MailCarrying(c, m => m.StepKey == Step && m.Kind == "escalation").SelectMany(m => m.Items).ToList();
        Assert.Equal(messages.Select(m => m.MessageId).Order(), delivered.Where(messages.Select(m => m.MessageId).Contains).Order());
    }

    /// <summary>A case whose devices step is 12 h overdue: levels 1 and 2 told for its first deadline.</summary>
    private async Task<(JsonElement Case, DateTimeOffset Due)> OverdueAtLevelTwoAsync()
    {
        var officer = await app.OfficerAsync();
        var c = await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase());
        await officer.CompleteAsync(c.Id(), "initial-report", Api.InitialReport).OkAsync();
        var due = (await officer.GetCaseAsync(c.Id())).Step(Step).GetProperty("dueAt").GetDateTimeOffset();
        app.Clock.Advance(due + TimeSpan.FromHours(12) - app.Clock.GetUtcNow());
        await app.SweepAsync();
        Assert.Equal([(1, due), (2, due)], Levels(c));
        return (c, due);
    }

    private List<(int Level, DateTimeOffset DueAt)> Levels(JsonElement c)
    {
        var id = Guid.Parse(c.Id());
        return app.WithDb(db => db.Escalations.Where(e => e.CaseId == id && e.StepKey == Step).OrderBy(e => e.DueAt).ThenBy(e => e.Level)
            .Select(e => new { e.Level, e.DueAt }).ToList()).Select(e => (e.Level, e.DueAt)).ToList();
    }
}
