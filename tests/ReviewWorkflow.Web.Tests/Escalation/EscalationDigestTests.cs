using ReviewWorkflow.Web.Escalation;
using ReviewWorkflow.Web.Notifications;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Escalation;

/// <summary>
/// One email per recipient per sweep: escalations the sweep records for the same people go out
/// together, while each stays its own outbox message and escalation row (once per level).
/// </summary>
public sealed class EscalationDigestTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private const string Supervisor = "supervisor@demo.local";

    [Fact]
    public async Task A_supervisor_with_several_overdue_items_in_one_sweep_gets_one_email_listing_each()
    {
        var officer = await app.OfficerAsync();
        var first = await officer.CreateCaseAsync(Api.NewCase(name: "Gabriel Kovari"));
        var second = await officer.CreateCaseAsync(Api.NewCase(name: "Daniel Whitworth"));
        app.Clock.Advance(TimeSpan.FromHours(40)); // level 2 of several steps of both cases: the supervisor's

        await app.SweepAsync();
        var before = app.Mail.Received.Count;
        await app.DeliverAllDueAsync();
        var mail = app.Mail.Received.Skip(before).ToList();

        // This sweep's mail (the class's other test leaves cases whose ladders climb on).
        var sweep = app.OutboxOf(first).Max(m => m.CreatedAt);
        var sent = app.WithDb(db => db.Outbox.Where(m => m.CreatedAt == sweep).ToList());
        var toSupervisor = sent.Where(m => m.SentTo == Supervisor).ToList();
        Assert.True(toSupervisor.Count(m => m.CaseId == Guid.Parse(first.Id()) || m.CaseId == Guid.Parse(second.Id())) >= 4,
            $"expected several items of these cases for the supervisor, got {toSupervisor.Count}");
        var email = Assert.Single(mail, m => m.To.SequenceEqual([Supervisor]));
        Assert.Equal(toSupervisor.Select(m => m.MessageId).Order(), email.Items.Order());
        foreach (var c in new[] { first, second })
        {
            Assert.Contains($"Case {c.GetProperty("reference").GetString()!}:", email.Text);
            Assert.Contains($"{EscalationApp.BaseUrl}/cases/{c.Id()}", email.Text);
            Assert.Contains($"href=\"{EscalationApp.BaseUrl}/cases/{c.Id()}/assignment\"", email.Html);
        }
        Assert.Contains("Initial report", email.Text);
        Assert.Contains($"{toSupervisor.Count} items", email.Subject);

        // UK time, as on the pages (the test clock is in winter: GMT).
        var due = app.WithDb(db => db.Escalations.Where(e => e.MessageId == toSupervisor[0].MessageId).Select(e => e.DueAt).Single());
        Assert.Contains(EscalationEmail.Due(due), email.Text);
        Assert.Contains(" GMT", email.Text);
        Assert.DoesNotContain("UTC", email.Text + email.Html);
        foreach (var name in new[] { "Gabriel Kovari", "Daniel Whitworth", "Kovari", "Whitworth" })
            Assert.DoesNotContain(name, email.Raw, StringComparison.OrdinalIgnoreCase);

        // Every other recipient too: one email each, and every message carried exactly once.
        Assert.Equal(mail.Count, mail.Select(m => string.Join(",", m.To)).Distinct().Count());
        Assert.All(sent, m => Assert.Equal(OutboxState.Sent, m.State));
        Assert.Equal(sent.Select(m => m.MessageId).Order(), mail.SelectMany(m => m.Items).Order());
    }

    [Fact]
    public async Task Mail_server_down_through_two_sweeps_then_back_delivers_every_level_once_one_email_per_recipient_per_sweep()
    {
        var officer = await app.OfficerAsync();
        var first = await officer.CreateCaseAsync();
        var second = await officer.CreateCaseAsync();
        var before = app.Mail.Received.Count;
        await app.Mail.StopAsync();
        try
        {
            app.Clock.Advance(TimeSpan.FromHours(5)); // level 1: the officer's
            await app.SweepAsync();
            Assert.Equal(0, (await app.DeliverAsync()).Sent);
            app.Clock.Advance(TimeSpan.FromHours(12)); // level 2: the supervisor's, in a second sweep
            await app.SweepAsync();
            for (var run = 0; run < 5; run++)
            {
                Assert.Equal(0, (await app.DeliverAsync()).Sent);
                app.Clock.Advance(TimeSpan.FromMinutes(10));
            }
            Assert.All(app.OutboxOf(first).Concat(app.OutboxOf(second)), m => Assert.Equal(OutboxState.Pending, m.State));
        }
        finally
        {
            app.Mail.Start();
        }
        app.Clock.Advance(TimeSpan.FromMinutes(31)); // past the longest back-off
        await app.DeliverAllDueAsync();
        // A further run and sweep find nothing new to send for what was delivered.
        await app.DeliverAllDueAsync();

        var mail = app.Mail.Received.Skip(before).ToList();
        var sweeps = app.OutboxOf(first).Select(m => m.CreatedAt).Distinct().ToList();
        var all = app.WithDb(db => db.Outbox.Where(m => sweeps.Contains(m.CreatedAt)).ToList());
        Assert.All(all, m => Assert.Equal(OutboxState.Sent, m.State));
        Assert.Equal(all.Select(m => m.MessageId).Order(), mail.SelectMany(m => m.Items).Order()); // each level once: none lost, none twice
        var ids = all.Select(m => m.MessageId).ToList();
        Assert.Equal(all.Count(m => m.Kind == "escalation"), app.WithDb(db => db.Escalations.Count(e => ids.Contains(e.MessageId))));

        // Per recipient, as many emails as sweeps that recorded something for them.
        foreach (var recipient in all.GroupBy(m => m.SentTo))
            Assert.Equal(recipient.Select(m => m.CreatedAt).Distinct().Count(), mail.Count(m => string.Join(", ", m.To) == recipient.Key));
        Assert.Equal(2, all.Where(m => m.SentTo == "officer@demo.local" || m.SentTo == Supervisor).Select(m => m.CreatedAt).Distinct().Count());
    }
}
