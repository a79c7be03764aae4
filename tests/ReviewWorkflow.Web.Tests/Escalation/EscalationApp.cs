using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ReviewWorkflow.Web.Escalation;
using ReviewWorkflow.Web.Notifications;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Escalation;

/// <summary>The app with its mail going to a real SMTP server on loopback; the sweep and delivery are run by the test.</summary>
public class EscalationApp : ReviewApp
{
    public const string BaseUrl = "https://review.example";
    public const string WestDeputy = "west.duty@police.example";

    public SmtpSink Mail { get; } = SmtpSink.Started();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Email:Host", "127.0.0.1");
        builder.UseSetting("Email:Port", Mail.Port.ToString());
        builder.UseSetting("Email:Timeout", "00:00:10");
        builder.UseSetting("App:BaseUrl", BaseUrl);
        builder.UseSetting($"Escalation:Teams:west:SupervisorAddress", WestDeputy);
    }

    public async Task<int> SweepAsync()
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<EscalationSweep>().RunAsync();
    }

    public async Task<DeliveryReport> DeliverAsync()
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDelivery>().RunAsync();
    }

    /// <summary>Delivers until a run finds nothing left to do now.</summary>
    public async Task DeliverAllDueAsync()
    {
        while ((await DeliverAsync()) is var r && r.Sent + r.Failed + r.Postponed > 0) { }
    }

    /// <summary>Mail received about one case: naming it in the subject, or carrying one of its outbox messages (a digest of escalations).</summary>
    public IReadOnlyList<ReceivedMail> MailAbout(JsonElement @case)
    {
        var ids = OutboxOf(@case).Select(m => m.MessageId).ToHashSet();
        return Mail.Received.Where(m => m.Subject.Contains(@case.GetProperty("reference").GetString()!) || m.Items.Any(ids.Contains)).ToList();
    }

    /// <summary>The emails that carried the case's outbox messages that match (by their own subject): each email once.</summary>
    public IReadOnlyList<ReceivedMail> MailCarrying(JsonElement @case, Func<OutboxMessage, bool> which)
    {
        var ids = OutboxOf(@case).Where(which).Select(m => m.MessageId).ToHashSet();
        return Mail.Received.Where(m => m.Items.Any(ids.Contains)).ToList();
    }

    public List<(string Step, int Level, string Notify)> EscalationsOf(JsonElement @case)
    {
        var id = Guid.Parse(@case.Id());
        return WithDb(db => db.Escalations.Where(e => e.CaseId == id).OrderBy(e => e.StepKey).ThenBy(e => e.Level)
            .Select(e => new { e.StepKey, e.Level, e.Notify }).ToList()).Select(e => (e.StepKey, e.Level, e.Notify)).ToList();
    }

    public List<OutboxMessage> OutboxOf(JsonElement @case)
    {
        var id = Guid.Parse(@case.Id());
        return WithDb(db => db.Outbox.Where(m => m.CaseId == id).OrderBy(m => m.Id).ToList());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Mail.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
