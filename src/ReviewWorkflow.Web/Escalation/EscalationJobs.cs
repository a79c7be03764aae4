using Hangfire;
using ReviewWorkflow.Web.Notifications;

namespace ReviewWorkflow.Web.Escalation;

/// <summary>
/// The recurring jobs Hangfire runs. Both are safe to run twice or on two instances at once: the
/// sweep's claims skip locked work and each level is unique; delivery claims one message at a time.
/// Failures are not retried by Hangfire — the next scheduled run does the same work — but they are
/// shown on the dashboard.
/// </summary>
public sealed class EscalationJobs(EscalationSweep sweep, OutboxDelivery delivery, IBackgroundJobClient jobs)
{
    public const string SweepId = "escalation-sweep";
    public const string DeliveryId = "outbox-delivery";

    [AutomaticRetry(Attempts = 0)]
    public async Task SweepAsync(CancellationToken ct)
    {
        // New mail goes out now rather than at the next scheduled delivery.
        if (await sweep.RunAsync(ct) > 0) jobs.Enqueue<EscalationJobs>(j => j.DeliverAsync(CancellationToken.None));
    }

    [AutomaticRetry(Attempts = 0)]
    public Task DeliverAsync(CancellationToken ct) => delivery.RunAsync(ct);
}
