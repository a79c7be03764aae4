namespace ReviewWorkflow.Web.Escalation;

/// <summary>Configuration section <c>Escalation</c> (documented in docs-snippets/escalation.md).</summary>
public sealed class EscalationOptions
{
    public const string Section = "Escalation";

    /// <summary>Cron of the sweep (Hangfire; six fields for seconds). Default: every minute, every 5 s under a demo speed-up.</summary>
    public string? SweepCron { get; set; }

    /// <summary>Cron of the outbox delivery that also retries postponed mail. Default as <see cref="SweepCron"/>.</summary>
    public string? DeliveryCron { get; set; }

    /// <summary>Pieces of overdue work recorded per transaction.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Where a team's supervisor and inspector mail goes instead of the users of that role (a deputy, a shared mailbox).</summary>
    public Dictionary<string, TeamAddresses> Teams { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The duty inspector's address for every team without its own; otherwise all inspectors are told.</summary>
    public string? InspectorAddress { get; set; }

    public string SweepSchedule(double speedup) => SweepCron ?? (speedup > 1 ? "*/5 * * * * *" : "* * * * *");

    public string DeliverySchedule(double speedup) => DeliveryCron ?? (speedup > 1 ? "*/5 * * * * *" : "* * * * *");
}

public sealed class TeamAddresses
{
    public string? SupervisorAddress { get; set; }
    public string? InspectorAddress { get; set; }
}
