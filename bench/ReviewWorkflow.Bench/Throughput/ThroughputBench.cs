using ReviewWorkflow.LocalCluster;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Npgsql;
using ReviewWorkflow.Web.Infrastructure;

namespace ReviewWorkflow.Bench.Throughput;

/// <summary>
/// The app under load, against what its database can do: a durable PostgreSQL, the app in Release
/// as its own process, a data set of N cases over ten years loaded by SQL, then step completions by
/// closed-loop HTTP clients, the same writes by pgbench as the ceiling, case reads (JSON and HTML),
/// start-up time and resident memory.
/// </summary>
public static class ThroughputBench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        int Option(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
        }
        var options = new BenchOptions(
            Cases: Option("--cases", 100_000), Years: Option("--years", 10), OpenDays: Option("--open-days", 365),
            Teams: Option("--teams", 50), OfficersPerTeam: Option("--officers-per-team", 20),
            Duration: TimeSpan.FromSeconds(Option("--duration", 10)), PageDuration: TimeSpan.FromSeconds(Option("--page-duration", 10)),
            Levels: (args.SkipWhile(a => a != "--levels").Skip(1).FirstOrDefault() ?? "1,8,32,64").Split(',').Select(int.Parse).ToArray());

        var directory = Path.Combine(Path.GetTempPath(), $"reviewworkflow-bench-throughput-{Environment.ProcessId}");
        Console.WriteLine($"starting a PostgreSQL (durable: fsync on, synchronous_commit on) in {directory}; {Environment.ProcessorCount} cores; {Load()}");
        var server = await StartServerAsync(directory);
        // --keep: the data set's server is left running for EXPLAIN until the bench is ended.
        var keep = args.Contains("--keep");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop(); // SIGTERM or Ctrl-C: leave no server behind
        var report = new Report();
        try
        {
            var (openTemplate, completionSteps) = await LoadAsync(server.ConnectionString, options, report);
            if (args.Contains("--diagnose"))
            {
                await Diagnose.RunAsync(server.ConnectionString);
                return 0;
            }
            if (args.Contains("--casework"))
            {
                await CaseworkBench.RunAsync(server.ConnectionString, Option("--queries", 200));
                return 0;
            }
            if (args.Contains("--case-files"))
            {
                await CaseFileBench.RunAsync(server.ConnectionString, Option("--batch", 1000));
                return 0;
            }
            await using (var app = AppServer.Start(server.ConnectionString))
            {
                await app.WaitHealthyAsync(TimeSpan.FromMinutes(2));
                report.RssAfterStart = app.ResidentMegabytes();
                Console.WriteLine($"app pid {app.Pid} at {app.Url}");
                await StatementsOfOneCompletionAsync(server, app, openTemplate, completionSteps, report);
                var meter = new CpuMeter(app.Pid, server.DataDirectory);
                await CompletionsAsync(server.ConnectionString, app, meter, options, completionSteps, report);
                report.RssAfterThroughput = app.ResidentMegabytes();
                await CasePageAsync(server.ConnectionString, app, meter, options, report);
                report.RssAfterPages = app.ResidentMegabytes();
            }
            await Pgbench.RunAsync(server, options, report);
            await StartUpAsync(server.ConnectionString, report);
            report.Print(options);
            return 0;
        }
        finally
        {
            if (keep)
            {
                // The server stops with this process (its own safety net): the process waits until it is ended.
                Console.WriteLine($"kept until this process (pid {Environment.ProcessId}) is ended: {server.ConnectionString}");
                await Task.Delay(Timeout.Infinite);
            }
            else
            {
                server.Stop();
                if (Directory.Exists(server.DataDirectory)) Directory.Delete(server.DataDirectory, recursive: true);
                if (File.Exists(server.LogFile)) File.Delete(server.LogFile);
            }
        }
    }

    public static string Load() => "load average " + File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Aggregate((a, b) => $"{a} {b}");

    /// <summary>
    /// Durable like a production server (fsync, synchronous_commit and full_page_writes on, the
    /// defaults); more memory than the defaults and room for the app's pool plus pgbench's clients.
    /// </summary>
    private static async Task<LocalPostgres> StartServerAsync(string directory)
    {
        var options = new LocalPostgresOptions(directory, Throwaway: false, Database: "bench");
        var first = LocalPostgres.Start(options);
        foreach (var setting in new[] { "shared_buffers = '1GB'", "max_connections = 300", "max_wal_size = '4GB'", "checkpoint_timeout = '30min'" })
            await ExecuteAsync(first.ConnectionString, $"ALTER SYSTEM SET {setting}");
        first.Stop();
        return LocalPostgres.Start(options);
    }

    private static async Task<(Template Open, string[] Steps)> LoadAsync(string connectionString, BenchOptions o, Report report)
    {
        var watch = Stopwatch.StartNew();
        await using var app = AppServer.Start(connectionString);
        await app.WaitHealthyAsync(TimeSpan.FromMinutes(2)); // migrated
        await BenchUsers.InsertAsync(connectionString, o.Teams, o.OfficersPerTeam);
        using var http = Api.NewClient(app.Url);
        var officer = await Api.LoginAsync(http, BenchUsers.OfficerEmail(1, 1), BenchUsers.Password);
        var supervisor = await Api.LoginAsync(http, BenchUsers.SupervisorEmail(1), BenchUsers.Password);
        var now = DateTimeOffset.UtcNow;

        // The two shapes, each through the API: a case as reported, and a case walked to closure.
        var open = await Api.SendAsync(http, HttpMethod.Post, "/api/cases", officer, Api.NewCase("Template Open", now.AddHours(-2), 58.2, -6.4), HttpStatusCode.Created);
        var closed = await Api.SendAsync(http, HttpMethod.Post, "/api/cases", officer, Api.NewCase("Template Closed", now.AddHours(-3), 57.1, -2.1), HttpStatusCode.Created);
        var closedId = closed.GetProperty("id").GetString()!;
        var officerId = closed.GetProperty("officer").GetProperty("id").GetString()!;
        var steps = new List<string>();
        for (var c = closed; Api.WorkSteps.FirstOrDefault(s => c.StateOf(s) is "available" or "returned") is { } step;)
        {
            c = await Api.SendAsync(http, HttpMethod.Post, $"/api/cases/{closedId}/steps/{step}/complete", officer, Api.Answers(step, officerId, Guid.Parse(closedId)));
            steps.Add(step);
        }
        await Api.SendAsync(http, HttpMethod.Post, $"/api/cases/{closedId}/steps/supervisor-review/sign-off", supervisor,
            new { decision = "approve", rationale = "Every step checked against the file; answers complete and proportionate.", returnSteps = Array.Empty<string>() });
        await Api.SendAsync(http, HttpMethod.Post, $"/api/cases/{closedId}/classification", officer,
            new { category = "not-suspicious", rationale = "Toxicology shows a therapeutic dose only; no third party involvement found." });
        // F7: a not-suspicious classification is approved by a supervisor who did not make it.
        await Api.SendAsync(http, HttpMethod.Post, $"/api/cases/{closedId}/steps/classification-review/sign-off", supervisor,
            new { decision = "approve", rationale = "The classification follows from the toxicology and the checks.", returnSteps = Array.Empty<string>() });
        var final = await Api.SendAsync(http, HttpMethod.Post, $"/api/cases/{closedId}/close", officer, new { rationale = "All lines of enquiry complete; the coroner has the file." });
        if (final.GetProperty("status").GetString() != "closed") throw new InvalidOperationException("the closed template did not close");

        var templates = new List<Template>();
        foreach (var id in new[] { open.GetProperty("id").GetString()!, closedId })
            templates.Add(await TemplateAsync(connectionString, Guid.Parse(id), BenchUsers.SupervisorEmail(1)));
        var firstNumber = (int)await ScalarAsync<long>(connectionString, "SELECT last_value FROM case_reference_seq") + 1;
        var targets = BenchData.Plan(o.Cases - 2, o.Years, o.OpenDays, o.Teams, o.OfficersPerTeam, templates[0], templates[1], now, firstNumber);
        Console.WriteLine(string.Create(Inv, $"cloning {targets.Count:N0} cases ({targets.Count(t => t.Template == templates[0]):N0} open) from 2 templates; officer steps per case: {string.Join(", ", steps)}"));
        await app.DisposeAsync();
        await BenchData.CloneAsync(connectionString, targets, templates);
        await CatchUp.EscalationsAsync(connectionString);
        await ExecuteAsync(connectionString, "VACUUM ANALYZE");
        await ExecuteAsync(connectionString, "CHECKPOINT");
        report.LoadSeconds = watch.Elapsed.TotalSeconds;
        report.Rows = await ScalarAsync<string>(connectionString, """
            SELECT format('%s cases (%s open), %s steps, %s activities, %s audit events, %s users',
                (SELECT count(*) FROM cases), (SELECT count(*) FROM cases WHERE status = 'Open'), (SELECT count(*) FROM case_steps),
                (SELECT count(*) FROM case_activities), (SELECT count(*) FROM audit_events), (SELECT count(*) FROM "AspNetUsers"))
            """);
        report.DatabaseSize = await ScalarAsync<string>(connectionString, "SELECT pg_size_pretty(pg_database_size(current_database()))");
        Console.WriteLine($"loaded {report.Rows} ({report.DatabaseSize}) in {report.LoadSeconds:0} s");
        return (templates[0], [.. steps]);
    }

    private static async Task<Template> TemplateAsync(string connectionString, Guid id, string supervisorEmail)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT c.reference, c.opened_at, c.officer_id, o.display_name, s.id, s.display_name, c.team
            FROM cases c JOIN "AspNetUsers" o ON o.id = c.officer_id JOIN "AspNetUsers" s ON s.email = @supervisor WHERE c.id = @id
            """, connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("supervisor", supervisorEmail);
        await using var r = await command.ExecuteReaderAsync();
        await r.ReadAsync();
        return new Template(id, r.GetString(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6));
    }

    /// <summary>An officer's open cases, and the steps still to complete on each.</summary>
    private sealed class Officer(string email, Queue<Guid> cases)
    {
        public string Email => email;
        public string Id => BenchData.UserId(email);
        public Queue<Guid> Cases => cases;
        public string? Token { get; set; }
    }

    private sealed class Client
    {
        public Queue<Officer> Officers { get; } = new();
        public Guid? Case { get; set; }
        public int Step { get; set; }
    }

    /// <summary>
    /// Each client completes the officer steps of its own officers' open cases one after another
    /// (no two clients touch a case); its officers are signed in before the level starts.
    /// </summary>
    private static async Task CompletionsAsync(string connectionString, AppServer app, CpuMeter meter, BenchOptions o, string[] steps, Report report)
    {
        var officers = new ConcurrentQueue<Officer>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT u.email, array_agg(c.id ORDER BY c.opened_at) FROM cases c JOIN "AspNetUsers" u ON u.id = c.officer_id
                WHERE c.status = 'Open' AND u.email LIKE '%@bench.local' AND NOT EXISTS
                    (SELECT 1 FROM case_steps s WHERE s.case_id = c.id AND s.state = 'Completed')
                GROUP BY u.email ORDER BY md5(u.email)
                """, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) officers.Enqueue(new Officer(reader.GetString(0), new Queue<Guid>(reader.GetFieldValue<Guid[]>(1))));
        }
        var available = officers.Sum(x => x.Cases.Count);
        Console.WriteLine(string.Create(Inv, $"step completion: {available:N0} untouched open cases of {officers.Count} officers, {steps.Length} steps each"));
        using var http = Api.NewClient(app.Url);
        var expectedRate = 150.0; // completions/s guessed for the first level; later levels use the best seen
        var signedIn = new Queue<Officer>(); // officers with cases left after a level, reused before signing in more
        // Warm-up (JIT, pools and caches; not counted) at c=8 until the runtime stops recompiling, then each level.
        await ClosedLoop.WarmUpAsync(() => LevelAsync(8, warmUp: true));
        foreach (var level in o.Levels) report.Completions.Add(await LevelAsync(level, warmUp: false));

        async Task<LoadResult> LevelAsync(int level, bool warmUp)
        {
            var duration = warmUp ? TimeSpan.FromSeconds(3) : o.Duration;
            var perClient = (int)Math.Ceiling(expectedRate * 1.5 * duration.TotalSeconds / level / steps.Length) + 1;
            var clients = new Client[level];
            var signIn = Stopwatch.StartNew();
            for (var i = 0; i < level; i++)
            {
                var client = clients[i] = new Client();
                while (client.Officers.Sum(x => x.Cases.Count) < perClient && (signedIn.TryDequeue(out var officer) || officers.TryDequeue(out officer)))
                    client.Officers.Enqueue(officer);
            }
            await Parallel.ForEachAsync(clients.SelectMany(c => c.Officers), new ParallelOptions { MaxDegreeOfParallelism = 4 },
                async (officer, _) => officer.Token ??= await Api.LoginAsync(http, officer.Email, BenchUsers.Password));
            Console.WriteLine(string.Create(Inv, $"  c={level}: {clients.Sum(c => c.Officers.Count)} officers, signed in in {signIn.Elapsed.TotalSeconds:0.0} s; {Load()}"));
            var result = await ClosedLoop.RunAsync(level, duration, async (i, ct) =>
            {
                var client = clients[i];
                while (client.Case is null)
                {
                    if (client.Officers.Count == 0) return null;
                    if (client.Officers.Peek().Cases.TryDequeue(out var next)) (client.Case, client.Step) = (next, 0);
                    else client.Officers.Dequeue();
                }
                var officer = client.Officers.Peek();
                var step = steps[client.Step];
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{client.Case}/steps/{step}/complete")
                {
                    Content = System.Net.Http.Json.JsonContent.Create(Api.Answers(step, officer.Id, client.Case.Value)),
                }.With(officer.Token!);
                using var response = await http.SendAsync(request, ct);
                await response.Content.LoadIntoBufferAsync(ct);
                if (response.StatusCode == HttpStatusCode.OK && ++client.Step < steps.Length) return true;
                client.Case = null; // done with this case (or it failed: go on with the next)
                if (response.StatusCode != HttpStatusCode.OK) Console.Error.WriteLine($"    {(int)response.StatusCode} {step}: {await response.Content.ReadAsStringAsync(ct)}");
                return response.StatusCode == HttpStatusCode.OK;
            }, meter);
            var ranOut = result.Seconds < duration.TotalSeconds - 0.5 ? " (clients ran out of cases)" : "";
            Console.WriteLine(string.Create(Inv, $"  c={level}{(warmUp ? " (warm-up)" : "")}: {result.Done:N0} completions in {result.Seconds:0.0} s = {result.PerSecond:0}/s, p50 {result.P50:0.0} / p95 {result.P95:0.0} / p99 {result.P99:0.0} ms, {result.Failed} failed{ranOut}; {result.Cpu}; {Load()}"));
            expectedRate = Math.Max(expectedRate, result.PerSecond);
            foreach (var officer in clients.SelectMany(c => c.Officers).Where(x => x.Cases.Count > 0)) signedIn.Enqueue(officer);
            return result;
        }
    }

    private static async Task CasePageAsync(string connectionString, AppServer app, CpuMeter meter, BenchOptions o, Report report)
    {
        // Readers: the first officer of each of 8 teams, reading random cases of their team (open and closed).
        var teams = Enumerable.Range(1, Math.Min(8, o.Teams)).ToArray();
        var cases = new Dictionary<int, Guid[]>();
        foreach (var t in teams)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT array_agg(id) FROM cases WHERE team = @team", connection);
            command.Parameters.AddWithValue("team", BenchUsers.Team(t));
            cases[t] = (Guid[])(await command.ExecuteScalarAsync())!;
        }
        using var http = Api.NewClient(app.Url);
        var tokens = new Dictionary<int, string>();
        var cookieClients = new Dictionary<int, HttpClient>();
        foreach (var t in teams)
        {
            tokens[t] = await Api.LoginAsync(http, BenchUsers.OfficerEmail(t, 1), BenchUsers.Password);
            var cookies = Api.NewClient(app.Url, new CookieContainer());
            await Api.SignInAsync(cookies, BenchUsers.OfficerEmail(t, 1), BenchUsers.Password);
            cookieClients[t] = cookies;
        }
        try
        {
            foreach (var kind in new[] { "json", "html" })
            {
                await ClosedLoop.WarmUpAsync(() => ReadsAsync(kind, 8, warmUp: true));
                foreach (var level in new[] { 8, 32 }) report.Pages.Add((kind, await ReadsAsync(kind, level, warmUp: false)));
            }

            // One client alone, so the latency is the server's time (plus loopback): the case page and My work of an
            // officer, and the My work of the team's supervisor (their sign-off queue and the team's pauses too).
            using var supervisor = Api.NewClient(app.Url, new CookieContainer());
            await Api.SignInAsync(supervisor, BenchUsers.SupervisorEmail(teams[0]), BenchUsers.Password);
            foreach (var (name, client, path) in new (string, HttpClient, Func<Guid, string>)[]
                     {
                         ("case page", cookieClients[teams[0]], id => $"/cases/{id}"), ("My work, officer", cookieClients[teams[0]], _ => "/"),
                         ("My work, supervisor", supervisor, _ => "/"),
                     })
            {
                var random = new Random(1);
                var alone = await ClosedLoop.RunAsync(1, TimeSpan.FromSeconds(5), async (_, ct) =>
                {
                    using var response = await client.GetAsync(path(cases[teams[0]][random.Next(cases[teams[0]].Length)]), ct);
                    await response.Content.LoadIntoBufferAsync(ct);
                    return response.StatusCode == HttpStatusCode.OK;
                }, meter);
                Console.WriteLine(string.Create(Inv, $"  {name} c=1 ({o.Cases:N0} cases, {OpenCases(o):N0} open): p50 {alone.P50:0.0} / p95 {alone.P95:0.0} ms, {alone.Failed} failed; {Load()}"));
            }

            async Task<LoadResult> ReadsAsync(string kind, int level, bool warmUp)
            {
                var random = new ThreadLocal<Random>(() => new Random(Environment.CurrentManagedThreadId));
                var result = await ClosedLoop.RunAsync(level, warmUp ? TimeSpan.FromSeconds(3) : o.PageDuration, async (i, ct) =>
                {
                    var team = teams[i % teams.Length];
                    var id = cases[team][random.Value!.Next(cases[team].Length)];
                    HttpResponseMessage response;
                    if (kind == "json")
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/cases/{id}").With(tokens[team]);
                        response = await http.SendAsync(request, ct);
                    }
                    else response = await cookieClients[team].GetAsync($"/cases/{id}", ct);
                    using (response)
                    {
                        await response.Content.LoadIntoBufferAsync(ct);
                        return response.StatusCode == HttpStatusCode.OK;
                    }
                }, meter);
                Console.WriteLine(string.Create(Inv, $"  case page {kind} c={level}{(warmUp ? " (warm-up)" : "")}: {result.PerSecond:0} requests/s, p50 {result.P50:0.0} / p95 {result.P95:0.0} / p99 {result.P99:0.0} ms, {result.Failed} failed; {result.Cpu}; {Load()}"));
                return result;
            }
        }
        finally
        {
            foreach (var c in cookieClients.Values) c.Dispose();
        }
    }

    private static int OpenCases(BenchOptions o) => (int)Math.Round(o.Cases * Math.Min(1.0, o.OpenDays / (o.Years * 365.25)));

    /// <summary>Process start to /health 200 on the loaded database, three times; resident memory once healthy.</summary>
    private static async Task StartUpAsync(string connectionString, Report report)
    {
        for (var run = 1; run <= 3; run++)
        {
            await using var app = AppServer.Start(connectionString);
            var elapsed = await app.WaitHealthyAsync(TimeSpan.FromMinutes(2));
            report.StartUps.Add(elapsed.TotalSeconds);
            report.StartUpRss.Add(app.ResidentMegabytes());
            Console.WriteLine(string.Create(Inv, $"start-up {run}: /health 200 after {elapsed.TotalSeconds:0.00} s, VmRSS {report.StartUpRss[^1]:0} MB; {Load()}"));
        }
    }

    /// <summary>Logs every statement the server runs during one step completion, and prints them.</summary>
    private static async Task StatementsOfOneCompletionAsync(LocalPostgres server, AppServer app, Template open, string[] steps, Report report)
    {
        using var http = Api.NewClient(app.Url);
        var token = await Api.LoginAsync(http, BenchUsers.OfficerEmail(1, 1), BenchUsers.Password);
        // Warm the path first so the logged statements are the steady-state ones.
        await Api.SendAsync(http, HttpMethod.Post, $"/api/cases/{open.Id}/steps/{steps[0]}/complete", token, Api.Answers(steps[0], open.OfficerId, open.Id));
        var offset = new FileInfo(server.LogFile).Length;
        await ExecuteAsync(server.ConnectionString, "ALTER SYSTEM SET log_statement = 'all'");
        await ExecuteAsync(server.ConnectionString, "SELECT pg_reload_conf()");
        await http.GetAsync("/health"); // a round trip, so the reload has reached the app's backends
        await Api.SendAsync(http, HttpMethod.Post, $"/api/cases/{open.Id}/steps/{steps[1]}/complete", token, Api.Answers(steps[1], open.OfficerId, open.Id));
        await ExecuteAsync(server.ConnectionString, "ALTER SYSTEM RESET log_statement");
        await ExecuteAsync(server.ConnectionString, "SELECT pg_reload_conf()");
        string text;
        await using (var stream = new FileStream(server.LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            stream.Seek(offset, SeekOrigin.Begin);
            text = await new StreamReader(stream).ReadToEndAsync();
        }
        var statements = text.Split('\n').Where(l => l.Contains("LOG:  statement:") || l.Contains("LOG:  execute"))
            .Where(l => !l.Contains("hangfire", StringComparison.OrdinalIgnoreCase) && !l.Contains("ALTER SYSTEM") && !l.Contains("pg_reload_conf") && !l.Contains("SELECT 1"))
            .Select(l => l[(l.IndexOf("LOG:", StringComparison.Ordinal) + 5)..].Trim()).ToList();
        report.CompletionStatements = statements;
        Console.WriteLine($"one step completion ({steps[1]}) ran {statements.Count} statements:");
        foreach (var s in statements) Console.WriteLine($"    {(s.Length > 200 ? s[..200] + " …" : s)}");
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 3600 };
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 3600 };
        return (T)(await command.ExecuteScalarAsync())!;
    }
}

public sealed record BenchOptions(int Cases, int Years, int OpenDays, int Teams, int OfficersPerTeam, TimeSpan Duration, TimeSpan PageDuration, int[] Levels);
