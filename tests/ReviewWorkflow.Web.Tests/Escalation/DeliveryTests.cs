using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewWorkflow.Web.Notifications;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Escalation;

public sealed class DeliveryTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    [Fact]
    public async Task MailQueuedDuringAnSmtpOutageArrivesOnceWhenTheServerReturns()
    {
        var c = await (await app.OfficerAsync()).CreateCaseAsync();
        await app.Mail.StopAsync();
        try
        {
            app.Clock.Advance(TimeSpan.FromHours(52)); // levels 1-3 of the initial report, more of the 24-hour steps
            await app.SweepAsync();
            var expected = app.OutboxOf(c).Select(m => m.MessageId).ToHashSet();
            Assert.True(expected.Count >= 6, $"expected several messages, got {expected.Count}");

            // Hours of outage: every run fails to connect, postpones, loses nothing.
            for (var i = 0; i < 8; i++)
            {
                var report = await app.DeliverAsync();
                Assert.Equal(0, report.Sent);
                app.Clock.Advance(TimeSpan.FromMinutes(40));
            }
            var waiting = app.OutboxOf(c);
            Assert.All(waiting, m => Assert.Equal(OutboxState.Pending, m.State));
            Assert.Contains(waiting, m => m.Attempts > 0 && m.LastError!.Contains("127.0.0.1"));
        }
        finally
        {
            app.Mail.Start();
        }

        app.Clock.Advance(TimeSpan.FromMinutes(31)); // past the longest back-off
        await app.DeliverAllDueAsync();

        var outbox = app.OutboxOf(c);
        Assert.All(outbox, m => Assert.Equal(OutboxState.Sent, m.State));
        var received = app.MailAbout(c);
        Assert.Equal(outbox.Select(m => m.MessageId).Order(), received.SelectMany(m => m.Items).Where(outbox.Select(m => m.MessageId).Contains).Order());
    }

    [Fact]
    public async Task TemporaryRefusalIsRetriedAfterABackOffThenDelivered()
    {
        var c = await (await app.OfficerAsync()).CreateCaseAsync();
        var refusals = 0;
        app.Mail.Refuse = to => to == "supervisor@demo.local" && Interlocked.Increment(ref refusals) <= 2 ? 451 : null;
        try
        {
            app.Clock.Advance(TimeSpan.FromHours(16));
            await app.SweepAsync();
            await app.DeliverAllDueAsync();
            var postponed = app.OutboxOf(c).Single(m => m.Recipient == "supervisor");
            Assert.Equal(OutboxState.Pending, postponed.State);
            Assert.Equal(1, postponed.Attempts);
            Assert.Contains("451", postponed.LastError);
            Assert.Equal(app.Clock.GetUtcNow() + OutboxDelivery.Backoff(1), postponed.NextAttemptAt);
            Assert.Single(app.MailAbout(c)); // the officer's went

            app.Clock.Advance(OutboxDelivery.Backoff(1) - TimeSpan.FromSeconds(1));
            await app.DeliverAllDueAsync();
            Assert.Equal(1, app.OutboxOf(c).Single(m => m.Recipient == "supervisor").Attempts); // not before its time

            app.Clock.Advance(TimeSpan.FromSeconds(1));
            await app.DeliverAllDueAsync();
            app.Clock.Advance(OutboxDelivery.Backoff(2));
            await app.DeliverAllDueAsync();
        }
        finally
        {
            app.Mail.Refuse = _ => null;
        }

        var sent = app.OutboxOf(c).Single(m => m.Recipient == "supervisor");
        Assert.Equal(OutboxState.Sent, sent.State);
        Assert.Equal(3, sent.Attempts);
        Assert.Single(app.MailAbout(c), m => m.Items.Contains(sent.MessageId));
    }

    [Fact]
    public async Task PermanentRefusalMarksTheMessageFailedForAdminsAndTheOthersStillGo()
    {
        var c = await (await app.OfficerAsync()).CreateCaseAsync();
        app.Mail.Refuse = to => to == "supervisor@demo.local" ? 550 : null;
        try
        {
            app.Clock.Advance(TimeSpan.FromHours(52));
            await app.SweepAsync();
            await app.DeliverAllDueAsync();
        }
        finally
        {
            app.Mail.Refuse = _ => null;
        }

        var outbox = app.OutboxOf(c);
        var toSupervisor = outbox.Where(m => m.Recipient == "supervisor").ToList();
        Assert.NotEmpty(toSupervisor);
        Assert.All(toSupervisor, m => Assert.Equal(OutboxState.Failed, m.State));
        Assert.All(toSupervisor, m => Assert.Contains("550", m.LastError));
        var others = outbox.Except(toSupervisor).ToList();
        Assert.Contains(others, m => m.Recipient == "inspector");
        Assert.All(others, m => Assert.Equal(OutboxState.Sent, m.State));
        Assert.Equal(others.Select(m => m.MessageId).Order(), app.MailAbout(c).SelectMany(m => m.Items).Where(outbox.Select(m => m.MessageId).Contains).Order());
        var failed = toSupervisor[0];

        var admin = await app.AdminAsync();
        var page = await admin.GetFromJsonAsync<JsonElement>("/api/admin/outbox?state=failed");
        var shown = page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("messageId").GetString() == failed.MessageId);
        Assert.Equal("failed", shown.GetProperty("state").GetString());
        Assert.Contains("550", shown.GetProperty("lastError").GetString());
        Assert.Contains(c.GetProperty("reference").GetString()!, shown.GetProperty("subject").GetString());
        var sent = await admin.GetFromJsonAsync<JsonElement>("/api/admin/outbox?state=sent&limit=500");
        Assert.Contains(sent.GetProperty("items").EnumerateArray(), i => i.GetProperty("messageId").GetString() == outbox[0].MessageId);
    }

    [Fact]
    public async Task MailUndeliverableThroughoutTheRetryWindowIsMarkedFailed()
    {
        var c = await (await app.OfficerAsync()).CreateCaseAsync();
        await app.Mail.StopAsync();
        try
        {
            app.Clock.Advance(TimeSpan.FromHours(4));
            await app.SweepAsync();
            var started = app.Clock.GetUtcNow();
            while (app.Clock.GetUtcNow() - started < TimeSpan.FromHours(23))
            {
                await app.DeliverAllDueAsync();
                app.Clock.Advance(TimeSpan.FromHours(1));
            }
            Assert.Equal(OutboxState.Pending, Assert.Single(app.OutboxOf(c)).State);

            app.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
            await app.DeliverAllDueAsync();
        }
        finally
        {
            app.Mail.Start();
        }

        var failed = Assert.Single(app.OutboxOf(c));
        Assert.Equal(OutboxState.Failed, failed.State);
        Assert.StartsWith("gave up after 1.00:00:00", failed.LastError);
        Assert.Empty(app.MailAbout(c));
    }
}

public sealed class JobsAdminTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    [Fact]
    public async Task TheJobsDashboardIsForAdministratorsOnly()
    {
        var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.OfficerAsync()).GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SupervisorAsync()).GetAsync("/hangfire/recurring")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.InspectorAsync()).GetAsync("/hangfire")).StatusCode);

        var admin = await (await app.AdminAsync()).GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Contains("ReviewWorkflow jobs", await admin.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheOutboxIsForAdministratorsOnly()
    {
        await (await app.OfficerAsync()).GetAsync("/api/admin/outbox?state=failed")
            .ContinueWith(t => t.Result.ProblemAsync(HttpStatusCode.Forbidden)).Unwrap();
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.InspectorAsync()).GetAsync("/api/admin/outbox?state=pending")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/admin/outbox?state=failed")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.AdminAsync()).GetAsync("/api/admin/outbox?state=pending")).StatusCode);
    }

    [Fact]
    public async Task AnUnknownOutboxStateIsAProblemNamingTheField()
    {
        var admin = await app.AdminAsync();
        foreach (var query in new[] { "state=lost", "state=1", "state=failed&limit=0", "state=sent&offset=-1" })
        {
            var problem = await (await admin.GetAsync($"/api/admin/outbox?{query}")).ProblemAsync(HttpStatusCode.BadRequest);
            var field = query.Contains("limit") ? "limit" : query.Contains("offset") ? "offset" : "state";
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{query}: {problem}");
        }
    }

    [Fact]
    public async Task HealthReportsTheDatabaseAndTheJobStorage()
    {
        var response = await app.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The job storage answered: Hangfire's schema exists in the app's database.
        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var query = new Npgsql.NpgsqlCommand("SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'hangfire'", connection);
        Assert.Equal(1L, await query.ExecuteScalarAsync());
    }
}
