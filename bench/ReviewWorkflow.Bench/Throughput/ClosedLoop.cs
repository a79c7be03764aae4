using System.Diagnostics;

namespace ReviewWorkflow.Bench.Throughput;

/// <summary>What a level of closed-loop load achieved.</summary>
public sealed record LoadResult(int Concurrency, int Done, int Failed, double Seconds, double P50, double P95, double P99)
{
    public double PerSecond => Done / Seconds;

    /// <summary>CPU milliseconds per successful request in the app process and in PostgreSQL.</summary>
    public (double App, double Postgres) CpuMs { get; init; } = (double.NaN, double.NaN);

    public string Cpu => double.IsNaN(CpuMs.App) ? "" : $"CPU/request app {CpuMs.App:0.0} ms + PostgreSQL {CpuMs.Postgres:0.0} ms";
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
        };
    }

    public static double At(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
