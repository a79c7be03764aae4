using System.Net;
using ReviewWorkflow.Web.Escalation;
using ReviewWorkflow.Web.Tests.Casework;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Escalation;

public sealed class DirectionEscalationTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    [Fact]
    public async Task AnUnansweredDirectionClimbsTheLadderOnceALevelEvenWithTwoSweepsAtOnceAndStopsWhenAnswered()
    {
        var supervisor = await app.SupervisorAsync();
        var c = await (await app.OfficerAsync()).CreateCaseAsync();
        var direction = await supervisor.DirectAsync(c.Id(), "officer2@demo.local", app.Clock.GetUtcNow().AddHours(1)).CreatedAsync();

        app.Clock.Advance(TimeSpan.FromMinutes(59));
        await app.SweepAsync();
        Assert.Empty(DirectionLevels(c));

        app.Clock.Advance(TimeSpan.FromMinutes(1)); // the direction's own deadline
        await Task.WhenAll(app.SweepAsync(), app.SweepAsync()); // two instances: the level is recorded once
        await app.SweepAsync();
        await app.DeliverAllDueAsync();
        Assert.Equal([(1, "assignee")], DirectionLevels(c));
        var first = Assert.Single(app.MailCarrying(c, m => m.Subject.Contains("Direction D-1")));
        Assert.Equal(["officer2@demo.local"], first.To);
        Assert.DoesNotContain("Trace and interview", first.Raw, StringComparison.Ordinal); // what was directed stays out of mail

        app.Clock.Advance(TimeSpan.FromHours(12));
        await app.SweepAsync();
        await app.DeliverAllDueAsync();
        Assert.Equal([(1, "assignee"), (2, "supervisor")], DirectionLevels(c));
        Assert.Single(app.MailCarrying(c, m => m.Subject.Contains("Direction D-1") && m.Subject.Contains("level 2")));

        var officer2 = await app.Officer2Async(); // earlier tokens expired while the clock moved
        Assert.Equal(HttpStatusCode.OK, (await officer2.AnswerAsync(c.Id(), direction.NoteId())).StatusCode);
        app.Clock.Advance(TimeSpan.FromHours(48));
        await app.SweepAsync();
        Assert.Equal([(1, "assignee"), (2, "supervisor")], DirectionLevels(c)); // answered: no inspector
        Assert.Null(app.WithDb(db => db.DirectionDeadlines.Single(d => d.NoteId == direction.NoteId()).NextEscalationAt));
    }

    [Fact]
    public async Task ADirectionOnAClosedCaseStillEscalates()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var c = await officer.ToClosedAsync(supervisor);
        await supervisor.DirectAsync(c.Id(), "officer@demo.local", app.Clock.GetUtcNow().AddHours(2)).CreatedAsync();

        app.Clock.Advance(TimeSpan.FromHours(2));
        await app.SweepAsync();

        Assert.Equal([(1, "assignee")], DirectionLevels(c));
    }

    private List<(int, string)> DirectionLevels(System.Text.Json.JsonElement c) =>
        [.. app.EscalationsOf(c).Where(e => e.Step == DirectionEscalationSource.StepKey).Select(e => (e.Level, e.Notify))];
}
