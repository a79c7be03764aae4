using ReviewWorkflow.LocalCluster;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ReviewWorkflow.Engine.Definitions;
using ReviewWorkflow.Engine.Linkage;
using ReviewWorkflow.Web;
using ReviewWorkflow.Web.Data;
using ReviewWorkflow.Web.Infrastructure;
using ReviewWorkflow.Web.Linkage;
using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Bench;

/// <summary>
/// Measures the linkage check on a national pool: a throwaway PostgreSQL with N synthetic deaths
/// (planted series among them), then for 1,000 new deaths the linkage query (indexed search in
/// PostgreSQL plus scoring in the engine): latency percentiles, the same queries by full scan as a
/// baseline, the share of planted partners in the top 5, and the AUC of planted versus random pairs.
/// </summary>
public static class LinkageBench
{
    public static async Task<int> RunAsync(int deaths, int queries, int baseline, int seed)
    {
        var inv = CultureInfo.InvariantCulture;
        var directory = Path.Combine(Path.GetTempPath(), $"reviewworkflow-bench-{Environment.ProcessId}");
        Console.WriteLine($"starting a throwaway PostgreSQL in {directory}");
        var server = await StartServerAsync(directory);
        try
        {
            var options = new DbContextOptionsBuilder<ReviewDb>()
                .UseNpgsql(server.ConnectionString, n => n.UseNetTopologySuite().CommandTimeout(3600)).UseSnakeCaseNamingConvention().Options;
            await using var db = new ReviewDb(options);
            await db.Database.MigrateAsync();
            var workflows = new WorkflowRegistry();
            await workflows.LoadAsync(RepositoryFolders.Find("workflows") ?? throw new InvalidOperationException("no workflows/ folder"), db, TimeProvider.System);
            var definition = workflows.Latest("unexplained-death")!;
            var settings = definition.StepOfKind(StepKind.Linkage)!.Linkage!;

            // Data: N recorded deaths, of which the planted series' earlier members are a part.
            var generator = new SyntheticDeaths(seed);
            var series = Enumerable.Range(0, queries).Select(i => generator.Series(i, 2 + i % 4)).ToList();
            var planted = series.SelectMany(s => s.Recorded).ToList();
            var background = Math.Max(0, deaths - planted.Count);
            Console.WriteLine(string.Create(inv, $"generating and importing {deaths:N0} deaths ({planted.Count:N0} in {series.Count:N0} planted series of 2-5; the last of each series is the new death)"));
            var sample = new List<HistoricalDeath>();
            var import = Stopwatch.StartNew();
            var now = DateTimeOffset.UtcNow;
            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                var connection = (NpgsqlConnection)db.Database.GetDbConnection();
                var chunk = new List<HistoricalDeath>(planted);
                for (var n = 0; n < background; n++)
                {
                    var death = generator.Background(n);
                    if (n % Math.Max(1, background / 2000) == 0) sample.Add(death);
                    chunk.Add(death);
                    if (chunk.Count < 50_000) continue;
                    await HistoricalDeathWriter.WriteAsync(connection, chunk, definition, now);
                    chunk.Clear();
                    Console.WriteLine(string.Create(inv, $"  {n + 1 + planted.Count,10:N0} imported, {import.Elapsed.TotalSeconds,6:0} s"));
                }
                await HistoricalDeathWriter.WriteAsync(connection, chunk, definition, now);
                await tx.CommitAsync();
            }
            var importSeconds = import.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(inv, $"imported {deaths:N0} deaths in {importSeconds:0} s ({deaths / importSeconds:N0}/s, COPY, indexes maintained)"));
            await ExecuteAsync(server.ConnectionString, "VACUUM ANALYZE cases");
            await ExecuteAsync(server.ConnectionString, "VACUUM ANALYZE linkage_identifiers");
            // A server in service has its working set in memory; COPY bypasses the cache, so warm it.
            await ExecuteAsync(server.ConnectionString, "CREATE EXTENSION IF NOT EXISTS pg_prewarm");
            foreach (var relation in new[] { "cases", "ix_cases_place_found_at", "ix_cases_found_at", "pk_cases",
                         "ix_cases_rare_found_at", "ix_cases_rare_place", "linkage_identifiers", "ix_linkage_identifiers_kind_value_id" })
                await ExecuteAsync(server.ConnectionString, $"SELECT pg_prewarm('{relation}')");

            // The linkage query for each new death, as the app runs it: search, score, keep what reaches the threshold.
            await using var conn = new NpgsqlConnection(server.ConnectionString);
            await conn.OpenAsync();
            var subjects = series.Select(s => Subject(s.Next)).ToList();
            foreach (var s in subjects.Take(50)) await LinkAsync(conn, settings, s); // warm-up, not counted
            var timings = new List<double>();
            var recalled = 0;
            var partners = 0;
            var candidateCounts = new List<int>();
            var rowCounts = new List<int>();
            for (var i = 0; i < subjects.Count; i++)
            {
                var watch = Stopwatch.StartNew();
                var (found, kept) = await LinkAsync(conn, settings, subjects[i]);
                timings.Add(watch.Elapsed.TotalMilliseconds);
                rowCounts.Add(found);
                candidateCounts.Add(kept.Count);
                var top5 = kept.Take(5).Select(k => k.Reference).ToHashSet();
                partners += series[i].Recorded.Count;
                recalled += series[i].Recorded.Count(r => top5.Contains(r.Reference!));
            }

            if (Environment.GetEnvironmentVariable("BENCH_EXPLAIN") == "1")
            {
                var slowest = timings.IndexOf(timings.Max());
                Console.WriteLine($"slowest query: {timings[slowest]:0.0} ms, {rowCounts[slowest]} rows; plan:");
                await ExecuteOnAsync(conn, "SET max_parallel_workers_per_gather = 0; SET jit = off;");
                await ExplainAsync(conn, subjects[slowest], LinkageSearchPlan.For(settings, subjects[slowest]));
            }

            // Baseline: the same searches as full scans (no index may be used), on the first queries.
            var baselineTimings = new List<double>();
            var sampleCount = Math.Min(baseline, subjects.Count);
            var mismatches = 0;
            if (sampleCount > 0)
            {
                Console.WriteLine($"baseline: {sampleCount} of the same searches by full scan");
                await ExecuteOnAsync(conn, "SET enable_indexscan = off; SET enable_bitmapscan = off; SET enable_indexonlyscan = off; SET max_parallel_workers_per_gather = 0;");
                for (var i = 0; i < sampleCount; i++)
                {
                    var plan = LinkageSearchPlan.For(settings, subjects[i]);
                    var watch = Stopwatch.StartNew();
                    var ids = await FullScan.FindAsync(conn, subjects[i], plan);
                    var kept = ids.Count; // scoring as in the indexed run
                    baselineTimings.Add(watch.Elapsed.TotalMilliseconds);
                    if (kept != rowCounts[i]) mismatches++;
                }
                await ExecuteOnAsync(conn, "RESET enable_indexscan; RESET enable_bitmapscan; RESET enable_indexonlyscan; RESET max_parallel_workers_per_gather;");
            }

            // Quality: AUC of the score on planted pairs versus random pairs (new death with a random recorded one).
            var positives = series.SelectMany(s => s.Recorded.Select(r => LinkageScorer.Score(settings, Subject(s.Next), Subject(r)).Score)).ToList();
            var negatives = series.SelectMany((s, i) => sample.Skip(i % Math.Max(1, sample.Count - 5)).Take(5)
                .Select(r => LinkageScorer.Score(settings, Subject(s.Next), Subject(r)).Score)).ToList();
            var auc = Auc(positives, negatives);

            var indexed = Percentiles(timings);
            var sampled = Percentiles(timings.Take(sampleCount).ToList());
            var full = Percentiles(baselineTimings);
            Console.WriteLine();
            Console.WriteLine(string.Create(inv, $"Linkage benchmark: {deaths:N0} recorded deaths, {subjects.Count:N0} new deaths, 2 cores"));
            Console.WriteLine("| measure | figure | target |");
            Console.WriteLine("|---|---|---|");
            Console.WriteLine(string.Create(inv, $"| import (COPY) | {importSeconds:0} s, {deaths / importSeconds:N0} deaths/s | minutes for 1M |"));
            Console.WriteLine(string.Create(inv, $"| linkage query p50 / p95 / p99 | {indexed.P50:0.0} / {indexed.P95:0.0} / {indexed.P99:0.0} ms | p95 <= 25 ms |"));
            Console.WriteLine(string.Create(inv, $"| rows fetched per query (median / max) | {Median(rowCounts):0} / {rowCounts.Max()} | |"));
            Console.WriteLine(string.Create(inv, $"| candidates above threshold (median / max) | {Median(candidateCounts):0} / {candidateCounts.Max()} | |"));
            if (sampleCount > 0)
            {
                Console.WriteLine(string.Create(inv, $"| full scan p50 / p95 ({sampleCount} queries) | {full.P50:0} / {full.P95:0} ms | |"));
                Console.WriteLine(string.Create(inv, $"| indexed p50 / p95, same {sampleCount} queries | {sampled.P50:0.0} / {sampled.P95:0.0} ms | |"));
                Console.WriteLine(string.Create(inv, $"| speed-up (full scan / indexed, p50; p95) | {full.P50 / sampled.P50:0}x; {full.P95 / sampled.P95:0}x | >= 20x |"));
                Console.WriteLine(string.Create(inv, $"| searches where full scan and index found different deaths | {mismatches} of {sampleCount} | 0 |"));
            }
            Console.WriteLine(string.Create(inv, $"| planted partners in top 5 | {100.0 * recalled / partners:0.0}% ({recalled:N0} of {partners:N0}) | >= 95% |"));
            Console.WriteLine(string.Create(inv, $"| AUC planted vs random pairs | {auc:0.000} ({positives.Count:N0} vs {negatives.Count:N0} pairs) | >= 0.9 |"));
            return 0;
        }
        finally
        {
            server.Stop();
            if (Directory.Exists(server.DataDirectory)) Directory.Delete(server.DataDirectory, recursive: true);
            if (File.Exists(server.LogFile)) File.Delete(server.LogFile);
        }
    }

    /// <summary>
    /// A private cluster set up like a database server rather than a test fixture: memory for the
    /// data to stay cached (a real server runs warm), and no durability (the data is thrown away).
    /// Settings need a restart, so it is started, configured, and started again.
    /// </summary>
    /// <summary>The query plan of the app's case search, with timings.</summary>
    private static async Task ExplainAsync(NpgsqlConnection connection, LinkageSubject subject, LinkageSearchPlan plan)
    {
        var (sql, parameters) = LinkageSearch.CasesQuery(Guid.Empty, subject, plan);
        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql, connection);
        command.Parameters.AddRange(parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) Console.WriteLine(reader.GetString(0));
    }

    private static async Task<LocalPostgres> StartServerAsync(string directory)
    {
        var options = new LocalPostgresOptions(directory, Throwaway: false, Database: "bench");
        var first = LocalPostgres.Start(options);
        foreach (var setting in new[]
        {
            "shared_buffers = '2GB'", "effective_cache_size = '8GB'", "work_mem = '16MB'", "maintenance_work_mem = '512MB'",
            "fsync = off", "synchronous_commit = off", "full_page_writes = off", "max_wal_size = '8GB'",
        })
            await ExecuteAsync(first.ConnectionString, $"ALTER SYSTEM SET {setting}");
        first.Stop();
        return LocalPostgres.Start(options);
    }

    private static async Task<(int Found, List<LinkageSubject> Kept)> LinkAsync(NpgsqlConnection conn, LinkageSettings settings, LinkageSubject subject)
    {
        var plan = LinkageSearchPlan.For(settings, subject);
        var found = await LinkageSearch.FindAsync(conn, Guid.Empty, subject, plan);
        var kept = found.Select(f => (f.Facts, Score: LinkageScorer.Score(settings, subject, f.Facts)))
            .Where(x => x.Score.Reaches(settings.Threshold)).OrderByDescending(x => x.Score.Score).Select(x => x.Facts).ToList();
        return (found.Count, kept);
    }

    private static LinkageSubject Subject(HistoricalDeath d) =>
        new(d.Reference!, d.FoundAt, d.Latitude, d.Longitude, SubstanceCatalog.Read(d.Substances).Families, d.Sex, d.AgeYears, d.Markers,
            PersonIdentifiers.For(d.Name, d.Circumstances, d.Persons.Select(p => (p.Name!, p.Role!, p.Phone, p.Email, p.Username))));

    /// <summary>Probability that a planted pair scores above a random pair (ties count half).</summary>
    private static double Auc(List<double> positives, List<double> negatives)
    {
        var sorted = negatives.Order().ToArray();
        double wins = 0;
        foreach (var p in positives)
        {
            var below = LowerBound(sorted, p);
            var notAbove = UpperBound(sorted, p);
            wins += below + (notAbove - below) / 2.0;
        }
        return wins / ((double)positives.Count * sorted.Length);
    }

    private static int LowerBound(double[] a, double x) { var lo = 0; var hi = a.Length; while (lo < hi) { var m = (lo + hi) / 2; if (a[m] < x) lo = m + 1; else hi = m; } return lo; }
    private static int UpperBound(double[] a, double x) { var lo = 0; var hi = a.Length; while (lo < hi) { var m = (lo + hi) / 2; if (a[m] <= x) lo = m + 1; else hi = m; } return lo; }

    private static (double P50, double P95, double P99) Percentiles(List<double> values)
    {
        if (values.Count == 0) return (0, 0, 0);
        var sorted = values.Order().ToArray();
        double At(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return (At(0.50), At(0.95), At(0.99));
    }

    private static double Median(List<int> values) => values.Count == 0 ? 0 : values.Order().ElementAt(values.Count / 2);

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await ExecuteOnAsync(conn, sql);
    }

    private static async Task ExecuteOnAsync(NpgsqlConnection conn, string sql)
    {
        await using var command = new NpgsqlCommand(sql, conn) { CommandTimeout = 3600 };
        await command.ExecuteNonQueryAsync();
    }
}
