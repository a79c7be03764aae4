using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using ReviewWorkflow.Web.Data;
using ReviewWorkflow.Web.Audit;
using ReviewWorkflow.Web.Notifications;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Escalation;

public sealed class EscalationLadderTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    [Fact]
    public async Task OverdueStepEmailsItsAssigneeThenTheSupervisorThenTheInspector()
    {
        var officer = await app.OfficerAsync();
        var c = await officer.CreateCaseAsync();

        app.Clock.Advance(TimeSpan.FromHours(4) - TimeSpan.FromMinutes(1));
        await app.SweepAsync();
        Assert.Empty(app.EscalationsOf(c));

        app.Clock.Advance(TimeSpan.FromMinutes(1)); // the initial report's deadline
        await app.SweepAsync();
        await app.DeliverAllDueAsync();
        Assert.Equal([("initial-report", 1, "assignee")], app.EscalationsOf(c));
        var first = Assert.Single(app.MailAbout(c));
        Assert.Equal(["officer@demo.local"], first.To);
        Assert.Contains("level 1", first.Subject);

        app.Clock.Advance(TimeSpan.FromHours(12));
        await app.SweepAsync();
        await app.DeliverAllDueAsync();
        Assert.Equal([("initial-report", 1, "assignee"), ("initial-report", 2, "supervisor")], app.EscalationsOf(c));
        Assert.Equal(["supervisor@demo.local"], app.MailAbout(c)[1].To);

        app.Clock.Advance(TimeSpan.FromHours(36));
        await app.SweepAsync();
        await app.DeliverAllDueAsync();
        var initial = app.EscalationsOf(c).Where(e => e.Step == "initial-report").ToList();
        Assert.Equal([("initial-report", 1, "assignee"), ("initial-report", 2, "supervisor"), ("initial-report", 3, "inspector")], initial);
        var third = Assert.Single(app.MailCarrying(c, m => m.Subject.Contains("Initial report") && m.Subject.Contains("level 3")));
        Assert.Equal(["inspector@demo.local"], third.To);
    }

    [Fact]
    public async Task AStepOfTheSupervisorRoleEmailsTheTeamsSupervisorsAtItsDeadline()
    {
        var c = await (await app.OfficerAsync()).ToReadyForSignOffAsync(); // a sign-off's deadline runs once it can be given

        app.Clock.Advance(TimeSpan.FromHours(72));
        await app.SweepAsync();
        await app.DeliverAllDueAsync();

        Assert.Contains(("supervisor-review", 1, "assignee"), app.EscalationsOf(c));
        var review = Assert.Single(app.MailCarrying(c, m => m.Subject.Contains("Supervisor review") && m.Subject.Contains("level 1")));
        Assert.Equal(["supervisor@demo.local"], review.To);
    }

    [Fact]
    public async Task EachLevelIsRecordedAndMailedOnceAcrossRepeatedAndConcurrentSweeps()
    {
        var c = await (await app.OfficerAsync()).CreateCaseAsync();
        app.Clock.Advance(TimeSpan.FromHours(100)); // several steps, several levels due at once

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.SweepAsync()));
        await app.SweepAsync();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => app.DeliverAsync()));
        await app.DeliverAllDueAsync();
        await app.SweepAsync();
        await app.DeliverAllDueAsync();

        var escalations = app.EscalationsOf(c);
        Assert.True(escalations.Count >= 10, $"expected many escalations 100 h in, got {escalations.Count}");
        Assert.Equal(escalations.Count, escalations.Distinct().Count());
        var carried = app.MailAbout(c).SelectMany(m => m.Items).Where(app.OutboxOf(c).Select(m => m.MessageId).Contains).ToList();
        Assert.Equal(escalations.Count, carried.Count);
        Assert.Equal(carried.Count, carried.Distinct().Count());
        Assert.All(app.OutboxOf(c), m => Assert.Equal(OutboxState.Sent, m.State));
    }

    [Fact]
    public async Task CompletingAStepStopsItsLadder()
    {
        var officer = await app.OfficerAsync();
        var c = await officer.CreateCaseAsync();
        app.Clock.Advance(TimeSpan.FromHours(5));
        await app.SweepAsync();
        Assert.Equal([("initial-report", 1, "assignee")], app.EscalationsOf(c));

        officer = await app.OfficerAsync(); // the earlier token expired while the clock moved
        var done = await officer.CompleteAsync(c.Id(), "initial-report", Api.InitialReport);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        app.Clock.Advance(TimeSpan.FromHours(60));
        await app.SweepAsync();

        Assert.Equal([("initial-report", 1, "assignee")], app.EscalationsOf(c).Where(e => e.Step == "initial-report"));
        var id = Guid.Parse(c.Id());
        Assert.Null(app.WithDb(db => db.CaseSteps.Single(s => s.CaseId == id && s.Key == "initial-report").NextEscalationAt));
    }

    [Fact]
    public async Task EscalationEmailCarriesReferenceStepOverdueLevelAndLinkButNoNames()
    {
        var officer = await app.OfficerAsync();
        var c = await officer.CreateCaseAsync(Api.NewCase(name: "Zebedee Quartermaine", persons:
        [
            new { name = "Philippa Quartermaine", role = "family", phone = "07700 900456" },
            new { name = "Horatio Blenkinsop", role = "finder" },
        ]));
        app.Clock.Advance(TimeSpan.FromHours(6) + TimeSpan.FromMinutes(30));
        await app.SweepAsync();
        await app.DeliverAllDueAsync();

        var mail = Assert.Single(app.MailAbout(c));
        var reference = c.GetProperty("reference").GetString()!;
        foreach (var body in new[] { mail.Text, mail.Html })
        {
            Assert.Contains(reference, body);
            Assert.Contains("Initial report of the discovery", body);
            Assert.Contains("2 hours 30 minutes", body);
            Assert.Contains($"{EscalationApp.BaseUrl}/cases/{c.Id()}", body);
        }
        Assert.Contains("Escalation level: 1 (assignee)", mail.Text);
        Assert.Contains("Escalation level</th><td>1 (assignee)", mail.Html);
        foreach (var name in new[] { "Zebedee", "Quartermaine", "Philippa", "Blenkinsop", "07700" })
            Assert.DoesNotContain(name, mail.Raw, StringComparison.OrdinalIgnoreCase);
        // One message per case, step, level and deadline (the initial report's: four hours after opening).
        var dueAt = c.GetProperty("openedAt").GetDateTimeOffset().AddHours(4);
        Assert.Equal(Outbox.MessageIdFor($"escalation:{c.Id()}:initial-report::1:{dueAt.UtcDateTime:yyyyMMddTHHmmss.ffffff}"), mail.MessageId);
    }

    [Fact]
    public async Task ATeamsConfiguredDeputyAddressReceivesItsSupervisorMail()
    {
        var c = await (await app.WestOfficerAsync()).CreateCaseAsync();
        app.Clock.Advance(TimeSpan.FromHours(16));
        await app.SweepAsync();
        await app.DeliverAllDueAsync();

        Assert.Equal(["officer.west@demo.local"], Assert.Single(app.MailCarrying(c, m => m.Subject.Contains("level 1"))).To);
        Assert.Equal([EscalationApp.WestDeputy], Assert.Single(app.MailCarrying(c, m => m.Subject.Contains("level 2"))).To);
    }

    [Fact]
    public async Task EscalationsAreRecordedInTheAuditTrailWhichStaysValid()
    {
        var c = await (await app.OfficerAsync()).CreateCaseAsync();
        app.Clock.Advance(TimeSpan.FromHours(17));
        await app.SweepAsync();

        var id = Guid.Parse(c.Id());
        var actions = app.WithDb(db => db.AuditEvents.Where(e => e.CaseId == id).OrderBy(e => e.Sequence).Select(e => e.Action).ToList());
        Assert.Equal(["case.created", "escalation.recorded", "escalation.recorded"], actions);
        using var scope = app.Services.CreateScope();
        var verified = await AuditVerifier.VerifyAsync(scope.ServiceProvider.GetRequiredService<ReviewDb>());
        Assert.True(verified.Valid);
    }
}

/// <summary>On its own app: it adds a supervisor to team east, which would change other tests' recipients.</summary>
public sealed class RecipientResolutionTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    [Fact]
    public async Task RecipientsAreResolvedFromTheTeamWhenSentNotWhenRecorded()
    {
        var c = await (await app.OfficerAsync()).CreateCaseAsync();
        app.Clock.Advance(TimeSpan.FromHours(16));
        await app.SweepAsync(); // levels 1 and 2 recorded, nothing sent yet

        var admin = await app.AdminAsync();
        var created = await admin.PostAsJsonAsync("/api/admin/users", new
        {
            email = $"deputy.{c.GetProperty("reference").GetString()}@demo.local".ToLowerInvariant(),
            displayName = "Dee Deputy", password = ReviewApp.Password, role = "supervisor", team = "east",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await app.DeliverAllDueAsync();

        var supervisorMail = Assert.Single(app.MailCarrying(c, m => m.Subject.Contains("level 2")));
        Assert.Contains("supervisor@demo.local", supervisorMail.To);
        Assert.Contains(supervisorMail.To, to => to.StartsWith("deputy."));
        var sentTo = app.OutboxOf(c).Single(m => supervisorMail.Items.Contains(m.MessageId) && m.Subject.Contains("level 2")).SentTo;
        Assert.Contains("deputy.", sentTo);
    }
}
