using System.Globalization;

namespace ReviewWorkflow.Bench.Throughput;

/// <summary>The figures of one run, printed as one table with the targets of issue 9.</summary>
public sealed class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public double LoadSeconds { get; set; }
    public string Rows { get; set; } = "";
    public string DatabaseSize { get; set; } = "";
    public List<string> CompletionStatements { get; set; } = [];
    public List<LoadResult> Completions { get; } = [];
    public List<(int Concurrency, double Tps, double LatencyMs)> Pgbench { get; } = [];
    public List<(string Kind, LoadResult Result)> Pages { get; } = [];
    public double RssAfterStart { get; set; }
    public double RssAfterThroughput { get; set; }
    public double RssAfterPages { get; set; }
    public List<double> StartUps { get; } = [];
    public List<double> StartUpRss { get; } = [];

    public void Print(BenchOptions o)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(Inv, $"Throughput benchmark: {Rows}; {DatabaseSize}; {Environment.ProcessorCount} cores; {ThroughputBench.Load()}"));
        Console.WriteLine("| measure | figure | target |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine(string.Create(Inv, $"| load (2 cases through the API, the rest cloned by SQL) | {LoadSeconds:0} s | |"));
        foreach (var r in Completions)
        {
            var pg = Pgbench.FirstOrDefault(p => p.Concurrency == r.Concurrency);
            var target = r.Concurrency == 8 ? "p99 <= 50 ms" : "";
            Console.WriteLine(string.Create(Inv,
                $"| step completions c={r.Concurrency}: app / pgbench | {r.PerSecond:0}/s (p50 {r.P50:0.0}, p95 {r.P95:0.0}, p99 {r.P99:0.0} ms{(r.Failed > 0 ? $", {r.Failed} failed" : "")}; {r.Cpu}) / {pg.Tps:0}/s (mean {pg.LatencyMs:0.0} ms) | {target} |"));
        }
        if (Completions.Count > 0 && Pgbench.Count > 0)
        {
            var app = Completions.MaxBy(r => r.PerSecond)!;
            var ceiling = Pgbench.MaxBy(p => p.Tps);
            Console.WriteLine(string.Create(Inv,
                $"| app / pgbench at each one's best concurrency | {app.PerSecond:0}/s (c={app.Concurrency}) / {ceiling.Tps:0}/s (c={ceiling.Concurrency}) = {100 * app.PerSecond / ceiling.Tps:0}% | >= 50% |"));
        }
        foreach (var (kind, r) in Pages)
            Console.WriteLine(string.Create(Inv,
                $"| case page {(kind == "json" ? "GET /api/cases/{id}" : "HTML /cases/{id}")} c={r.Concurrency} | {r.PerSecond:0} requests/s, p95 {r.P95:0.0} ms{(r.Failed > 0 ? $", {r.Failed} failed" : "")}; {r.Cpu} | {(kind == "json" ? ">= 2,000/s" : "")} |"));
        if (StartUps.Count > 0)
            Console.WriteLine(string.Create(Inv,
                $"| start-up to /health 200 (median of {StartUps.Count}) | {Median(StartUps):0.00} s ({string.Join(", ", StartUps.Select(s => s.ToString("0.00", Inv)))}) | <= 3 s |"));
        Console.WriteLine(string.Create(Inv, $"| resident memory after start | {RssAfterStart:0} MB (start-up runs: {string.Join(", ", StartUpRss.Select(s => s.ToString("0", Inv)))}) | |"));
        Console.WriteLine(string.Create(Inv, $"| resident memory after the throughput run / after the page run | {RssAfterThroughput:0} MB / {RssAfterPages:0} MB | <= 300 MB |"));
        Console.WriteLine(string.Create(Inv, $"| SQL statements logged during one step completion (printed above; background jobs' too) | {CompletionStatements.Count} | |"));
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
