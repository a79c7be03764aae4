using ReviewWorkflow.LocalCluster;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using ReviewWorkflow.Web.Infrastructure;

namespace ReviewWorkflow.Bench.Throughput;

/// <summary>
/// The ceiling: PostgreSQL's own pgbench running, per transaction, the writes of one step
/// completion as logged from the app (the case row read and updated, one step row updated, one
/// activity inserted, then the audit chain's advisory lock, its last entry read and one audit event
/// inserted), at the same concurrencies, on a copy of the loaded database (CREATE DATABASE … TEMPLATE),
/// so the app's data and its audit chain stay untouched. Each client works on its own open cases.
/// </summary>
public static partial class Pgbench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private const long ChainLock = 0x5245_5649_4557; // AuditTrail's lock: the same serialisation as the app

    public static async Task RunAsync(LocalPostgres server, BenchOptions o, Report report)
    {
        NpgsqlConnection.ClearAllPools(); // CREATE DATABASE … TEMPLATE wants nobody connected to the template
        // The stopped app's backends may not have noticed yet that their client is gone.
        await ThroughputBench.ExecuteAsync(server.ConnectionStringFor("postgres"),
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'bench' AND pid <> pg_backend_pid()");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ThroughputBench.ExecuteAsync(server.ConnectionStringFor("postgres"), "CREATE DATABASE pgb TEMPLATE bench");
                break;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 50)
            {
                await Task.Delay(100); // terminated backends take a moment to exit
            }
        }
        var copy = server.ConnectionStringFor("pgb");
        var maxClients = o.Levels.Max();
        await ThroughputBench.ExecuteAsync(copy, "CREATE TABLE pgb_cases AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id FROM cases WHERE status = 'Open'; CREATE UNIQUE INDEX ON pgb_cases (n); ANALYZE pgb_cases");
        var open = await ThroughputBench.ScalarAsync<long>(copy, "SELECT count(*) FROM pgb_cases");
        var per = Math.Max(1, open / maxClients);
        // The payloads as the app wrote them, in a table: pgbench would read ':name' inside a literal as a variable.
        await ThroughputBench.ExecuteAsync(copy, """
            CREATE TABLE pgb_payload AS SELECT
                (SELECT data FROM audit_events WHERE action = 'step.completed' ORDER BY sequence DESC LIMIT 1) AS data,
                (SELECT fields_json FROM case_activities WHERE step_key = 'intelligence-checks' LIMIT 1) AS fields
            """);
        var script = Path.Combine(Path.GetTempPath(), $"reviewworkflow-pgbench-{Environment.ProcessId}.sql");
        await File.WriteAllTextAsync(script, $"""
            \set n :client_id * :per + random(0, :per - 1)
            BEGIN;
            SELECT id AS case_id FROM pgb_cases WHERE n = :n \gset
            SELECT xmin, updated_at, status FROM cases WHERE id = :case_id;
            INSERT INTO case_activities (actor_id, actor_name, at, case_id, fields_json, kind, note, step_key) SELECT '00000000-0000-0000-0000-000000000001', 'Officer 1-1', now(), :case_id, fields, 'Completed', 'bench', 'intelligence-checks' FROM pgb_payload;
            UPDATE case_steps SET state = 'Completed', state_since = now(), completed_at = now(), completed_by = '00000000-0000-0000-0000-000000000001', completed_by_name = 'Officer 1-1', next_escalation_at = NULL WHERE case_id = :case_id AND key = 'intelligence-checks';
            UPDATE cases SET updated_at = now() WHERE id = :case_id;
            SELECT pg_advisory_xact_lock({ChainLock});
            SELECT sequence AS seq, hash AS prev FROM audit_events ORDER BY sequence DESC LIMIT 1 \gset
            INSERT INTO audit_events (sequence, action, actor_id, actor_name, at, case_id, data, hash, previous_hash) SELECT :seq::bigint + 1, 'step.completed', '00000000-0000-0000-0000-000000000001', 'Officer 1-1', now(), :case_id, data, encode(sha256(convert_to(:prev::text || :seq::text, 'UTF8')), 'hex'), :prev FROM pgb_payload;
            COMMIT;

            """);
        try
        {
            Console.WriteLine($"pgbench on a copy of the database: {open:N0} open cases, {per:N0} per client; {ThroughputBench.Load()}");
            foreach (var (clients, warmUp) in new[] { (8, true) }.Concat(o.Levels.Select(l => (l, false))))
            {
                var (tps, latency, output) = await RunOnceAsync(server, script, clients, warmUp ? 3 : (int)o.Duration.TotalSeconds, per);
                Console.WriteLine(string.Create(Inv, $"  pgbench c={clients}{(warmUp ? " (warm-up)" : "")}: {tps:0} transactions/s, mean latency {latency:0.0} ms; {ThroughputBench.Load()}"));
                if (double.IsNaN(tps)) Console.WriteLine(output);
                if (!warmUp) report.Pgbench.Add((clients, tps, latency));
            }
        }
        finally
        {
            File.Delete(script);
            NpgsqlConnection.ClearAllPools();
            await ThroughputBench.ExecuteAsync(server.ConnectionStringFor("postgres"), "DROP DATABASE pgb");
        }
    }

    private static async Task<(double Tps, double LatencyMs, string Output)> RunOnceAsync(LocalPostgres server, string script, int clients, int seconds, long per)
    {
        var pgbench = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pgbench")).Where(File.Exists).Order().LastOrDefault()
            ?? throw new InvalidOperationException("no /usr/lib/postgresql/*/bin/pgbench");
        var start = new ProcessStartInfo(pgbench) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-n", "-M", "prepared", "-h", "127.0.0.1", "-p", server.Port.ToString(Inv), "-U", "postgres",
                     "-c", clients.ToString(Inv), "-j", Math.Min(clients, Environment.ProcessorCount).ToString(Inv),
                     "-T", seconds.ToString(Inv), "-D", $"per={per}", "-f", script, "pgb" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;
        var tps = Tps().Match(output);
        var latency = Latency().Match(output);
        return (tps.Success ? double.Parse(tps.Groups[1].Value, Inv) : double.NaN,
            latency.Success ? double.Parse(latency.Groups[1].Value, Inv) : double.NaN, output);
    }

    [GeneratedRegex(@"tps = ([0-9.]+)")]
    private static partial Regex Tps();

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex Latency();
}
