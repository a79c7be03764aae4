using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Npgsql;

namespace ReviewWorkflow.Bench.Throughput;

/// <summary>
/// <c>bench/run.sh casework</c>: on the throughput data set (its cases and their persons), the search
/// box (names exact and misspelt, phone numbers, references, places; a team's supervisor), the person
/// page, a 10 MiB document up and down, and the series view of a 10-case series (linked by SQL).
/// </summary>
public static class CaseworkBench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task RunAsync(string connectionString, int queries)
    {
        var team = BenchUsers.Team(1);
        await PersonsAsync(connectionString);
        var (names, phones, references, places, cases) = await SampleAsync(connectionString, team, queries);
        var series = cases.Take(10).ToList();
        await LinkAsync(connectionString, series);
        var counts = await ScalarsAsync(connectionString, "SELECT count(*) FROM cases", "SELECT count(*) FROM case_persons");
        Console.WriteLine(string.Create(Inv, $"data set: {counts[0]:N0} cases, {counts[1]:N0} persons; {ThroughputBench.Load()}"));

        await using var app = AppServer.Start(connectionString);
        await app.WaitHealthyAsync(TimeSpan.FromMinutes(2));
        using var http = Api.NewClient(app.Url);
        var supervisor = await Api.LoginAsync(http, BenchUsers.SupervisorEmail(1), BenchUsers.Password);

        async Task<double> TimeAsync(HttpRequestMessage request)
        {
            var watch = Stopwatch.StartNew();
            using var response = await http.SendAsync(request.With(supervisor));
            await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{request.RequestUri}: {(int)response.StatusCode}");
            return watch.Elapsed.TotalMilliseconds;
        }
        async Task<List<double>> SearchAsync(IEnumerable<string> qs)
        {
            var times = new List<double>();
            foreach (var q in qs) times.Add(await TimeAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/search?q={Uri.EscapeDataString(q)}")));
            return times;
        }

        await SearchAsync(names.Take(10)); // warm-up
        var kinds = new (string What, IEnumerable<string> Qs)[]
        {
            ("names", names),
            ("misspelt names", names.Select(Misspell)),
            ("references", references),
            ("places", places),
            ("phone numbers", phones.Select(p => $"{p[..5]} {p[5..]}")),
        };
        var all = new List<double>();
        foreach (var (what, qs) in kinds)
        {
            var times = await SearchAsync(qs);
            all.AddRange(times);
            Console.WriteLine(string.Create(Inv, $"| search, {what} ({times.Count}) | {Percentiles(times)} | p95 ≤ 50 ms |"));
        }
        Console.WriteLine(string.Create(Inv, $"| search, all ({all.Count}) | {Percentiles(all)} | p95 ≤ 50 ms |"));

        var persons = new List<double>();
        foreach (var name in names) persons.Add(await TimeAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/persons?identifier={Uri.EscapeDataString(name)}")));
        Console.WriteLine(string.Create(Inv, $"| person page ({persons.Count}) | {Percentiles(persons)} | ≤ 100 ms |"));

        var file = new byte[10 * 1024 * 1024];
        new Random(17).NextBytes(file);
        "%PDF-1.7\n"u8.CopyTo(file);
        var (up, down) = (new List<double>(), new List<double>());
        for (var i = 0; i < 6; i++)
        {
            using var form = new MultipartFormDataContent();
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(content, "file", $"statement-{i}.pdf");
            var watch = Stopwatch.StartNew();
            using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{cases[^1]}/documents") { Content = form }.With(supervisor));
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"upload: {(int)response.StatusCode} {body}");
            var upload = watch.Elapsed.TotalMilliseconds;
            var id = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetString();
            var download = await TimeAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/cases/{cases[^1]}/documents/{id}"));
            if (i > 0) { up.Add(upload); down.Add(download); } // the first warms up
        }
        Console.WriteLine(string.Create(Inv, $"| 10 MiB document upload ({up.Count}) | {Percentiles(up)} | ≤ 1 s |"));
        Console.WriteLine(string.Create(Inv, $"| 10 MiB document download ({down.Count}) | {Percentiles(down)} | ≤ 1 s |"));

        var views = new List<double>();
        for (var i = 0; i < 25; i++)
        {
            var ms = await TimeAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/cases/{series[i % series.Count]}/series"));
            if (i >= 5) views.Add(ms);
        }
        var page = new List<double>();
        var cookies = new CookieContainer();
        using (var browser = Api.NewClient(app.Url, cookies))
        {
            await Api.SignInAsync(browser, BenchUsers.SupervisorEmail(1), BenchUsers.Password);
            for (var i = 0; i < 15; i++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await browser.GetAsync($"/cases/{series[i % series.Count]}/series");
                await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"series page: {(int)response.StatusCode}");
                if (i >= 5) page.Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        Console.WriteLine(string.Create(Inv, $"| series view, 10-case series, API ({views.Count}) | {Percentiles(views)} | ≤ 200 ms |"));
        Console.WriteLine(string.Create(Inv, $"| series view, 10-case series, page ({page.Count}) | {Percentiles(page)} | ≤ 200 ms |"));
        Console.WriteLine($"after the run: {ThroughputBench.Load()}");
    }

    private static string Percentiles(List<double> times)
    {
        var sorted = times.Order().ToList();
        double P(double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
        return string.Create(Inv, $"p50 {P(0.5):0.0} ms, p95 {P(0.95):0.0} ms, max {sorted[^1]:0.0} ms");
    }

    /// <summary>A typist's slip: one letter of the first name dropped.</summary>
    private static string Misspell(string name) => name.Length > 4 ? name.Remove(2, 1) : name;

    private static async Task<(List<string> Names, List<string> Phones, List<string> References, List<string> Places, List<Guid> Cases)> SampleAsync(
        string connectionString, string team, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        async Task<List<T>> ListAsync<T>(string sql)
        {
            var list = new List<T>();
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("team", team);
            command.Parameters.AddWithValue("n", count);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) list.Add(reader.GetFieldValue<T>(0));
            return list;
        }
        // Spread over the team's cases (every n-th), so neither the first nor the last rows are favoured.
        var names = await ListAsync<string>("""
            SELECT p.name FROM case_persons p JOIN cases c ON c.id = p.case_id
            WHERE c.team = @team AND p.name NOT ILIKE '%anonymous%' AND p.name NOT ILIKE '%unknown%' AND p.name NOT ILIKE '%caller%'
            ORDER BY md5(p.id::text) LIMIT @n
            """);
        var phones = await ListAsync<string>("SELECT p.phone FROM case_persons p JOIN cases c ON c.id = p.case_id WHERE c.team = @team AND p.phone IS NOT NULL ORDER BY md5(p.id::text) LIMIT @n");
        var references = await ListAsync<string>("SELECT reference FROM cases WHERE team = @team ORDER BY md5(id::text) LIMIT @n");
        var places = await ListAsync<string>("SELECT split_part(location_description, ',', 1) FROM cases WHERE team = @team ORDER BY md5(id::text) LIMIT @n");
        var cases = await ListAsync<Guid>("SELECT id FROM cases WHERE team = @team ORDER BY found_at DESC LIMIT 11");
        return (names, phones, references, places, cases);
    }

    /// <summary>
    /// Ten persons per case (the data set's templates name few), as the app would hold them: in the
    /// case and in linkage's identifier table (the name folded, the phone in E.164). Names are a first
    /// name and a three-syllable surname (30 × 8,000), so a name is shared by a few persons, not thousands.
    /// </summary>
    private static async Task PersonsAsync(string connectionString)
    {
        var watch = Stopwatch.StartNew();
        const string Syllables = "(ARRAY['ash','bel','cor','dun','el','fen','gar','hol','ing','jor','kel','lam','mor','nor','os','pen','quil','ros','stan','tor'])";
        await ThroughputBench.ExecuteAsync(connectionString, $$"""
            CREATE TEMP TABLE bench_persons AS
            SELECT c.id AS case_id, c.opened_at, k,
                   (ARRAY['Oliver','Amelia','Jack','Isla','Harry','Ava','George','Mia','Noah','Emily','Leo','Grace','Oscar','Lily','Arthur',
                          'Freya','Charlie','Ella','Jacob','Sophie','Thomas','Evie','Alfie','Poppy','Henry','Ruby','William','Daisy','Joshua','Chloe'])[1 + (n * 7 + k * 13) % 30]
                   || ' ' || initcap({{Syllables}}[1 + (n * 3 + k) % 20] || {{Syllables}}[1 + (n / 20 + k * 7) % 20] || {{Syllables}}[1 + (n / 400 + k * 11) % 20]) AS name,
                   '07' || lpad(((n * 10 + k) * 7919 % 1000000000)::text, 9, '0') AS phone
            FROM (SELECT id, opened_at, row_number() OVER (ORDER BY id) AS n FROM cases) AS c, generate_series(1, 10) AS k;
            INSERT INTO case_persons (case_id, name, role, phone, added_at) SELECT case_id, name, 'witness', phone, opened_at FROM bench_persons;
            INSERT INTO linkage_identifiers (case_id, kind, value, role, person_key, label)
            SELECT case_id, 'name', lower(name), 'witness', k::text, left(name, 1) || '. ' || upper(substr(split_part(name, ' ', 2), 1, 1)) || '...' FROM bench_persons
            UNION ALL
            SELECT case_id, 'phone', '+44' || substr(phone, 2), 'witness', k::text, left(name, 1) || '. ' || upper(substr(split_part(name, ' ', 2), 1, 1)) || '...' FROM bench_persons;
            ANALYZE case_persons; ANALYZE linkage_identifiers; ANALYZE cases;
            """);
        Console.WriteLine(string.Create(Inv, $"persons added in {watch.Elapsed.TotalSeconds:0} s"));
    }

    /// <summary>Ten of the team's deaths as one series: each linked to the one before (a chain, the longest walk).</summary>
    private static async Task LinkAsync(string connectionString, IReadOnlyList<Guid> series)
    {
        for (var i = 1; i < series.Count; i++)
            await ThroughputBench.ExecuteAsync(connectionString, $"""
                INSERT INTO linkage_candidates (case_id, candidate_case_id, score, reasons_json, added_at, updated_at, decision, rationale, decided_by, decided_by_name, decided_at)
                VALUES ('{series[i]}', '{series[i - 1]}', 0.8, '[{"{"}"factor":"place","detail":"within 500 m","contribution":0.4{"}"}]', now(), now(), 'linked',
                        'Same place, same drug: one series.', 'bench', 'Bench Supervisor', now())
                ON CONFLICT (case_id, candidate_case_id) DO UPDATE SET decision = 'linked'
                """);
    }

    private static async Task<List<long>> ScalarsAsync(string connectionString, params string[] sqls)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var values = new List<long>();
        foreach (var sql in sqls)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            values.Add(Convert.ToInt64(await command.ExecuteScalarAsync(), Inv));
        }
        return values;
    }
}
