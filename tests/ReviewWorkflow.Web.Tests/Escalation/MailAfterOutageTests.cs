using ReviewWorkflow.Web.Notifications;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Escalation;

public sealed class MailAfterOutageTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    [Fact]
    public async Task Once_the_server_accepts_again_the_backed_off_messages_go_in_the_same_run()
    {
        var c = await (await app.OfficerAsync()).CreateCaseAsync();
        await app.Mail.StopAsync();
        try
        {
            app.Clock.Advance(TimeSpan.FromHours(52));
            await app.SweepAsync();
            Assert.True(app.OutboxOf(c).Count >= 6, "expected several messages");
            // An unreachable server ends a run at its first message: a second apart, every message
            // is tried and backed off in turn (30 s for the first retry).
            for (var run = 0; run < 100 && !app.OutboxOf(c).All(m => m.Attempts > 0); run++)
            {
                Assert.Equal(0, (await app.DeliverAsync()).Sent);
                app.Clock.Advance(TimeSpan.FromSeconds(1));
            }
            Assert.All(app.OutboxOf(c), m => Assert.True(m.Attempts > 0));
        }
        finally
        {
            app.Mail.Start();
        }
        var waiting = app.OutboxOf(c);
        Assert.All(waiting, m => Assert.True(m.NextAttemptAt > app.Clock.GetUtcNow())); // all backed off, none due

        // The first email backed off (one recipient's messages) falls due again: once it is accepted, the others need not wait.
        app.Clock.Advance(waiting.Min(m => m.NextAttemptAt)!.Value - app.Clock.GetUtcNow());
        Assert.Contains(waiting, m => m.NextAttemptAt <= app.Clock.GetUtcNow());
        Assert.Contains(waiting, m => m.NextAttemptAt > app.Clock.GetUtcNow());

        var report = await app.DeliverAsync();

        Assert.Equal(waiting.Count, report.Sent);
        Assert.All(app.OutboxOf(c), m => Assert.Equal(OutboxState.Sent, m.State));
        Assert.Equal(waiting.Select(m => m.MessageId).Order(), app.MailAbout(c).SelectMany(m => m.Items).Order());
    }
}
