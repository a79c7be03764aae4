using System.Diagnostics;
using System.Globalization;
using System.Net;
using Npgsql;

namespace ReviewWorkflow.Bench.Throughput;

/// <summary>
/// <c>bench/run.sh casefile</c>: on the throughput data set, the case file of closed cases over the
/// API (time and size, after a warm-up), 1,000 files in one <c>export-files</c> run (process start to
/// exit), and the reports summary for all teams over a year (an inspector) and for one team.
/// </summary>
public static class CaseFileBench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private const string InspectorEmail = "i@bench.local";
    private const string AdminEmail = "a@bench.local";

    public static async Task RunAsync(string connectionString, int batch)
    {
        foreach (var (email, role) in new[] { (InspectorEmail, "inspector"), (AdminEmail, "admin") })
            await ThroughputBench.ExecuteAsync(connectionString, $"""
                INSERT INTO "AspNetUsers" (id, user_name, normalized_user_name, email, normalized_email, email_confirmed, password_hash,
                                           security_stamp, concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled,
                                           access_failed_count, display_name, team, role, deactivated)
                SELECT md5('{email}')::uuid::text, '{email}', upper('{email}'), '{email}', upper('{email}'),
                       true, password_hash, upper(substr(md5('stamp-{role}'), 1, 32)), md5('concurrency-{role}')::uuid::text, false, false, true,
                       0, 'Bench {role}', team, '{role}', false
                FROM "AspNetUsers" WHERE email = '{BenchUsers.SupervisorEmail(1)}'
                ON CONFLICT DO NOTHING
                """);
        var closed = await ClosedAsync(connectionString, BenchUsers.Team(1), 30);
        var references = await ClosedReferencesAsync(connectionString, batch);

        await using (var app = AppServer.Start(connectionString))
        {
            await app.WaitHealthyAsync(TimeSpan.FromMinutes(2));
            using var http = Api.NewClient(app.Url);
            var supervisor = await Api.LoginAsync(http, BenchUsers.SupervisorEmail(1), BenchUsers.Password);
            var inspector = await Api.LoginAsync(http, InspectorEmail, BenchUsers.Password);

            var times = new List<double>();
            byte[] file = [];
            long largest = 0;
            for (var i = 0; i < closed.Count; i++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/cases/{closed[i]}/file").With(supervisor));
                var bytes = await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"case file: {(int)response.StatusCode}");
                if (i >= 10) { times.Add(watch.Elapsed.TotalMilliseconds); largest = Math.Max(largest, bytes.Length); } // the first 10 warm up
                file = bytes;
            }
            times.Sort();
            Console.WriteLine(string.Create(Inv,
                $"| case file of a closed case (API) | p50 {times[times.Count / 2]:0} ms, max {times[^1]:0} ms, largest {largest / 1024.0:0} KB | ≤ 1 s, ≤ 1 MB |"));

            await VerifyAsync(http, await Api.LoginAsync(http, AdminEmail, BenchUsers.Password), file, connectionString);

            var year = $"from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-365).ToString("O", Inv))}&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O", Inv))}";
            foreach (var (who, token, query) in new[] { ("all teams", inspector, year), ("one team", supervisor, year) })
            {
                var runs = new List<double>();
                for (var i = 0; i < 6; i++)
                {
                    var watch = Stopwatch.StartNew();
                    using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/reports/summary?{query}").With(token));
                    await response.Content.ReadAsByteArrayAsync();
                    if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"reports: {(int)response.StatusCode}");
                    if (i > 0) runs.Add(watch.Elapsed.TotalMilliseconds);
                }
                runs.Sort();
                Console.WriteLine(string.Create(Inv, $"| reports summary, {who}, one year | p50 {runs[runs.Count / 2]:0} ms, max {runs[^1]:0} ms | ≤ 1 s |"));
            }
        }

        var folder = Path.Combine(Path.GetTempPath(), $"reviewworkflow-bench-casefiles-{Environment.ProcessId}");
        try
        {
            var (code, seconds, output) = await ExportAsync(connectionString, folder, references);
            if (code != 0) throw new InvalidOperationException("export-files failed:\n" + output);
            var size = Directory.EnumerateFiles(folder).Sum(f => new FileInfo(f).Length);
            Console.WriteLine(string.Create(Inv,
                $"| export-files, {references.Count:N0} closed cases (process start to exit) | {seconds:0.0} s, {size / 1024.0 / 1024.0:0.0} MB | ≤ 2 min |"));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// A case file verified over the API: the first time the whole chain is walked and a checkpoint set,
    /// then (the same file, five times) the case's events and links and the chain from the checkpoint.
    /// </summary>
    private static async Task VerifyAsync(HttpClient http, string admin, byte[] file, string connectionString)
    {
        async Task<double> OnceAsync()
        {
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
            var watch = Stopwatch.StartNew();
            using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/case-files/verify") { Content = content }.With(admin));
            var body = await response.Content.ReadAsStringAsync();
            var ms = watch.Elapsed.TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK || !body.Contains("\"matches\":true", StringComparison.Ordinal))
                throw new InvalidOperationException($"verify: {(int)response.StatusCode} {body}");
            return ms;
        }
        long events;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM audit_events", connection);
            events = (long)(await command.ExecuteScalarAsync())!;
        }
        var first = await OnceAsync();
        var runs = new List<double>();
        for (var i = 0; i < 5; i++) runs.Add(await OnceAsync());
        runs.Sort();
        Console.WriteLine(string.Create(Inv, $"| verify a case file (API), first: the whole chain ({events:N0} audit events), then a checkpoint | {first:0} ms | |"));
        Console.WriteLine(string.Create(Inv, $"| verify a case file (API), from the checkpoint | p50 {runs[runs.Count / 2]:0} ms, max {runs[^1]:0} ms | well under 1 s |"));
    }

    private static async Task<(int Code, double Seconds, string Output)> ExportAsync(string connectionString, string folder, IReadOnlyList<string> references)
    {
        var dll = AppServer.Dll();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(dll)! };
        foreach (var arg in new[] { dll, "export-files", folder }.Concat(references)) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Default"] = connectionString;
        start.Environment["Workflows__Path"] = ReviewWorkflow.Web.RepositoryFolders.Find("workflows") ?? "";
        start.Environment["Jobs__Server"] = "false";
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, watch.Elapsed.TotalSeconds, (await output).Split('\n').TakeLast(5).Aggregate("", (a, b) => a + b + "\n") + await error);
    }

    private static async Task<List<Guid>> ClosedAsync(string connectionString, string team, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM cases WHERE status = 'Closed' AND team = @team ORDER BY opened_at DESC LIMIT @count", connection);
        command.Parameters.AddWithValue("team", team);
        command.Parameters.AddWithValue("count", count);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return ids;
    }

    private static async Task<List<string>> ClosedReferencesAsync(string connectionString, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT reference FROM cases WHERE status = 'Closed' ORDER BY reference LIMIT @count", connection);
        command.Parameters.AddWithValue("count", count);
        var references = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) references.Add(reader.GetString(0));
        return references;
    }
}
