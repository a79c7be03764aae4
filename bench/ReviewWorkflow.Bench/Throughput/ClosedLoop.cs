using System.Diagnostics;

namespace ReviewWorkflow.Bench.Throughput;

/// <summary>What a level of closed-loop load achieved.</summary>
public sealed record LoadResult(int Concurrency, int Done, int Failed, double Seconds, double P50, double P95, double P99)
{
    public double PerSecond => Done / Seconds;

    /// <summary>CPU milliseconds per successful request in the app process and in PostgreSQL.</summary>
    public (double App, double Postgres) CpuMs { get; init; } = (double.NaN, double.NaN);

    /// <summary>The share of the app's CPU spent by the runtime's background compiler (warming up, not serving).</summary>
    public double JitShare { get; init; } = double.NaN;

    public string Cpu => double.IsNaN(CpuMs.App) ? "" : $"CPU/request app {CpuMs.App:0.0} ms + PostgreSQL {CpuMs.Postgres:0.0} ms (JIT {JitShare:0%} of the app's)";
}

/// <summary>
/// Closed-loop clients: each sends its next request when the previous answer arrives, for a fixed
/// time; a client whose work runs out stops early. Latency percentiles over successful requests.
/// </summary>
public static class ClosedLoop
{
    /// <param name="request">One request of client i; true when it succeeded, false when it failed, null when the client has no work left.</param>
    public static async Task<LoadResult> RunAsync(int concurrency, TimeSpan duration, Func<int, CancellationToken, Task<bool?>> request, CpuMeter? meter = null)
    {
        var cpuBefore = meter?.Seconds();
        var latencies = new List<double>[concurrency];
        var failed = 0;
        using var stop = new CancellationTokenSource(duration);
        var clock = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, concurrency).Select(i => Task.Run(async () =>
        {
            var mine = latencies[i] = new List<double>(4096);
            while (!stop.IsCancellationRequested)
            {
                var start = Stopwatch.GetTimestamp();
                bool? ok;
                try
                {
                    ok = await request(i, CancellationToken.None); // a request under way finishes: cutting it would distort the tail
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }
                if (ok is null) break;
                if (ok == true) mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                else Interlocked.Increment(ref failed);
            }
        })).ToArray();
        await Task.WhenAll(clients);
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var cpuAfter = meter?.Seconds();
        return new LoadResult(concurrency, all.Length, failed, seconds, At(all, 0.50), At(all, 0.95), At(all, 0.99))
        {
            CpuMs = cpuBefore is { } b && cpuAfter is { } a && all.Length > 0
                ? (1000 * (a.App - b.App) / all.Length, 1000 * (a.Postgres - b.Postgres) / all.Length)
                : (double.NaN, double.NaN),
            JitShare = cpuBefore is { } b2 && cpuAfter is { } a2 && a2.App > b2.App ? CpuMeter.JitBetween(b2.Jit, a2.Jit) / (a2.App - b2.App) : double.NaN,
        };
    }

    /// <summary>
    /// Warm-up rounds of <paramref name="round"/> until the runtime has finished recompiling the hot code
    /// (its compiler thread under 3% of the app's CPU in a round), at most <paramref name="maxRounds"/>:
    /// the figures that follow are then the steady state a long-running server shows.
    /// </summary>
    public static async Task WarmUpAsync(Func<Task<LoadResult>> round, int maxRounds = 25)
    {
        for (var i = 1; i <= maxRounds; i++)
        {
            var result = await round();
            if (result.Done == 0 || !(result.JitShare >= 0.03)) return;
        }
    }

    public static double At(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
