namespace ReviewWorkflow.Bench.Escalation;

/// <summary>A clock the benchmark sets, so "overdue" means the same on every run.</summary>
public sealed class BenchClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
