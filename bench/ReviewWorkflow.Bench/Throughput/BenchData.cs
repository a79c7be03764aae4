using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using ReviewWorkflow.Web.Audit;

namespace ReviewWorkflow.Bench.Throughput;

/// <summary>A case created (and for the closed shape, walked to closure) through the API, whose rows are cloned.</summary>
public sealed record Template(Guid Id, string Reference, DateTimeOffset OpenedAt, string OfficerId, string OfficerName, string SupervisorId, string SupervisorName, string Team);

/// <summary>A cloned case: who owns it and when it was opened.</summary>
public sealed record Target(int N, Template Template, Guid Id, DateTimeOffset OpenedAt, int Team, int Officer, string Reference, double Latitude, double Longitude)
{
    public TimeSpan Shift => OpenedAt - Template.OpenedAt;
    public string OfficerEmail => BenchUsers.OfficerEmail(Team, Officer);
    public string OfficerId => BenchData.UserId(OfficerEmail);
    public string OfficerName => $"Officer {Team}-{Officer}";
    public string SupervisorId => BenchData.UserId(BenchUsers.SupervisorEmail(Team));
    public string SupervisorName => $"Supervisor {Team}";
}

/// <summary>
/// Loads the data set fast and exactly as the app would have written it: every row of every table
/// that holds a template case's data is copied by one INSERT … SELECT per table, with the case's
/// id, reference, team, officer, place and a time shift substituted; the audit trail is re-chained
/// (sequence, hash) in time order by the same hash function the app uses.
/// </summary>
public static class BenchData
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string UserId(string email)
    {
        var hex = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(email)));
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    /// <summary>
    /// <paramref name="cases"/> cases opened uniformly over <paramref name="years"/> years up to now;
    /// those opened in the last <paramref name="openDays"/> days are open (the open template), the rest closed.
    /// </summary>
    public static List<Target> Plan(int cases, int years, int openDays, int teams, int officersPerTeam, Template open, Template closed, DateTimeOffset now, int firstNumber)
    {
        var random = new Random(42);
        var span = TimeSpan.FromDays(365.25 * years);
        var times = Enumerable.Range(0, cases).Select(_ => now - span * random.NextDouble()).Order().ToList();
        var targets = new List<Target>(cases);
        for (var i = 0; i < cases; i++)
        {
            var at = new DateTimeOffset(times[i].UtcTicks - times[i].UtcTicks % 10, TimeSpan.Zero);
            var isOpen = now - at < TimeSpan.FromDays(openDays);
            var officer = random.Next(teams * officersPerTeam);
            var number = firstNumber + i;
            // Spread over Greater London and beyond, so no two cases are near enough to link by place.
            targets.Add(new Target(i + 1, isOpen ? open : closed, Guid.CreateVersion7(at), at, officer / officersPerTeam + 1, officer % officersPerTeam + 1,
                $"UD-{at.Year}-{number:D6}", 50.5 + random.NextDouble() * 3, -3 + random.NextDouble() * 3.5));
        }
        return targets;
    }

    public static async Task CloneAsync(string connectionString, IReadOnlyList<Target> targets, IReadOnlyList<Template> templates)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, """
            CREATE TABLE bench_targets (n int PRIMARY KEY, template_id uuid, case_id uuid, shift interval, team text, officer_id text, officer_name text,
                                        supervisor_id text, supervisor_name text, reference text, latitude float8, longitude float8, deceased_name text)
            """);
        await using (var copy = await connection.BeginBinaryImportAsync("COPY bench_targets FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var t in targets)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(t.N, NpgsqlDbType.Integer);
                await copy.WriteAsync(t.Template.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(t.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(t.Shift, NpgsqlDbType.Interval);
                await copy.WriteAsync(BenchUsers.Team(t.Team), NpgsqlDbType.Text);
                await copy.WriteAsync(t.OfficerId, NpgsqlDbType.Text);
                await copy.WriteAsync(t.OfficerName, NpgsqlDbType.Text);
                await copy.WriteAsync(t.SupervisorId, NpgsqlDbType.Text);
                await copy.WriteAsync(t.SupervisorName, NpgsqlDbType.Text);
                await copy.WriteAsync(t.Reference, NpgsqlDbType.Text);
                await copy.WriteAsync(t.Latitude, NpgsqlDbType.Double);
                await copy.WriteAsync(t.Longitude, NpgsqlDbType.Double);
                await copy.WriteAsync($"Bench Deceased {t.N}", NpgsqlDbType.Text);
            }
            await copy.CompleteAsync();
        }

        // The tables that hold a case's rows, parents first.
        var tables = new List<string> { "cases" };
        await using (var command = new NpgsqlCommand("""
            SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
            WHERE c.table_schema = 'public' AND c.column_name = 'case_id' AND t.table_type = 'BASE TABLE'
              AND c.table_name NOT IN ('audit_events', 'bench_targets') ORDER BY c.table_name
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        var officer = templates[0];
        foreach (var table in tables)
        {
            var sql = await CloneSqlAsync(connection, table, officer);
            var rows = await ExecuteAsync(connection, sql);
            if (rows > 0) Console.WriteLine(string.Create(Inv, $"  {table}: {rows:N0} rows"));
        }
        await ChainAuditAsync(connection, targets, templates);
        await ExecuteAsync(connection, "DROP TABLE bench_targets");
        await ExecuteAsync(connection, $"SELECT setval('case_reference_seq', (SELECT max(substring(reference from 9)::bigint) FROM cases))");
        Console.WriteLine(string.Create(Inv, $"cloned {targets.Count:N0} cases in {watch.Elapsed.TotalSeconds:0} s"));
    }

    /// <summary>INSERT … SELECT of one table's template rows for every target, column by column.</summary>
    private static async Task<string> CloneSqlAsync(NpgsqlConnection connection, string table, Template who)
    {
        var columns = new List<(string Name, string Type, bool Skip)>();
        await using (var command = new NpgsqlCommand("""
            SELECT column_name, udt_name, is_generated = 'ALWAYS' OR is_identity = 'YES' OR coalesce(column_default, '') LIKE 'nextval%'
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @table ORDER BY ordinal_position
            """, connection))
        {
            command.Parameters.AddWithValue("table", table);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)));
        }
        var key = table == "cases" ? "id" : "case_id";
        string Literal(string s) => "'" + s.Replace("'", "''") + "'";
        string Expression(string name, string type) => (table, name, type) switch
        {
            ("cases", "id", _) or (_, "case_id", _) => "b.case_id",
            ("cases", "reference", _) => "b.reference",
            ("cases", "latitude", _) => "b.latitude",
            ("cases", "longitude", _) => "b.longitude",
            // Every clone a different person: a person shared by two deaths always makes them
            // candidates of each other, and real deaths do not all share one deceased and one finder.
            ("cases", "deceased_name", _) => "b.deceased_name",
            // Nor all at one address: the search finds a street among thousands, as it would in a force's records.
            ("cases", "location_description", _) => Place,
            ("case_persons", "name" or "phone" or "email", _) => $"t.{name} || ' ' || b.n",
            ("linkage_identifiers", "value", _) => "t.value || ' ' || b.n",
            (_, "id", "uuid") => "md5(t.id::text || b.n)::uuid",
            (_, _, "timestamptz") => $"t.{name} + b.shift",
            (_, _, "text" or "varchar") => $"""
                CASE t.{name} WHEN {Literal(who.OfficerId)} THEN b.officer_id WHEN {Literal(who.OfficerName)} THEN b.officer_name
                  WHEN {Literal(who.SupervisorId)} THEN b.supervisor_id WHEN {Literal(who.SupervisorName)} THEN b.supervisor_name
                  WHEN {Literal(who.Team)} THEN b.team
                  ELSE replace(replace(t.{name}, {Literal(who.OfficerId)}, b.officer_id), {Literal(who.SupervisorId)}, b.supervisor_id) END
                """,
            (_, _, "jsonb") => $"replace(replace(t.{name}::text, {Literal(who.OfficerId)}, b.officer_id), {Literal(who.SupervisorId)}, b.supervisor_id)::jsonb",
            _ => $"t.{name}",
        };
        var kept = columns.Where(c => !c.Skip).ToList();
        var order = columns.Any(c => c.Name == "id") ? "b.n, t.id" : "b.n";
        return $"""
            INSERT INTO {table} ({string.Join(", ", kept.Select(c => c.Name))})
            SELECT {string.Join(",\n       ", kept.Select(c => Expression(c.Name, c.Type)))}
            FROM {table} t JOIN bench_targets b ON t.{key} = b.template_id
            ORDER BY {order}
            """;
    }

    /// <summary>
    /// A clone's address from its number: a house number, a street of two syllables and a kind (3,200
    /// streets) and one of 32 districts, so a street is shared by about 1 in 3,200 cases.
    /// </summary>
    private const string Place = """
        ((b.n % 199) + 1)::text || ' '
          || initcap((ARRAY['ash','bel','cor','dun','el','fen','gar','hol','ing','jor','kel','lam','mor','nor','os','pen','quil','ros','stan','tor'])[1 + b.n % 20]
                  || (ARRAY['by','ton','ley','ham','well','field','more','wick','den','brook','ford','worth','side','gate','hurst','mere','wood','croft','dale','stone'])[1 + (b.n / 20) % 20])
          || ' ' || (ARRAY['Road','Street','Lane','Close','Gardens','Park','Way','Avenue'])[1 + (b.n / 400) % 8]
          || ', ' || (ARRAY['Barking','Dagenham','Ilford','Romford','Stratford','Hackney','Bow','Poplar','Leyton','Walthamstow','Erith','Bexley','Woolwich',
                            'Greenwich','Lewisham','Peckham','Brixton','Camden','Islington','Kentish Town','Tottenham','Enfield','Barnet','Harrow','Ealing',
                            'Acton','Hounslow','Croydon','Sutton','Kingston','Richmond','Wimbledon'])[1 + (b.n * 7 + b.n / 3200) % 32]
        """;

    private sealed record TemplateEvent(DateTimeOffset At, string ActorId, string ActorName, Guid? CaseId, string Action, string Data);

    /// <summary>The templates' audit events for every target, in time order, chained after the trail's last event.</summary>
    private static async Task ChainAuditAsync(NpgsqlConnection connection, IReadOnlyList<Target> targets, IReadOnlyList<Template> templates)
    {
        var events = new Dictionary<Guid, List<TemplateEvent>>();
        await using (var command = new NpgsqlCommand("SELECT at, actor_id, actor_name, case_id, action, data FROM audit_events WHERE case_id = ANY(@ids) ORDER BY sequence", connection))
        {
            command.Parameters.AddWithValue("ids", templates.Select(t => t.Id).ToArray());
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var e = new TemplateEvent(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetString(2), reader.GetGuid(3), reader.GetString(4), reader.GetString(5));
                (events.TryGetValue(e.CaseId!.Value, out var list) ? list : events[e.CaseId.Value] = []).Add(e);
            }
        }
        var order = new List<(long Ticks, int Target, int Event)>();
        foreach (var t in targets)
        {
            var list = events[t.Template.Id];
            for (var i = 0; i < list.Count; i++) order.Add(((list[i].At + t.Shift).UtcTicks, t.N - 1, i));
        }
        order.Sort();
        long sequence;
        string previous;
        await using (var command = new NpgsqlCommand("SELECT sequence, hash FROM audit_events ORDER BY sequence DESC LIMIT 1", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            (sequence, previous) = (reader.GetInt64(0), reader.GetString(1));
        }
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY audit_events (sequence, at, actor_id, actor_name, case_id, action, data, previous_hash, hash) FROM STDIN (FORMAT BINARY)");
        foreach (var (_, index, eventIndex) in order)
        {
            var t = targets[index];
            var template = t.Template;
            var e = events[template.Id][eventIndex];
            var at = e.At + t.Shift;
            var (actorId, actorName) = e.ActorId == template.OfficerId ? (t.OfficerId, t.OfficerName)
                : e.ActorId == template.SupervisorId ? (t.SupervisorId, t.SupervisorName) : (e.ActorId, e.ActorName);
            var data = e.Data.Replace(template.Reference, t.Reference).Replace(template.OfficerId, t.OfficerId)
                .Replace(template.SupervisorId, t.SupervisorId).Replace(template.Id.ToString(), t.Id.ToString());
            sequence++;
            var hash = AuditHash.Compute(sequence, at, actorId, actorName, t.Id, e.Action, data, previous);
            await copy.StartRowAsync();
            await copy.WriteAsync(sequence, NpgsqlDbType.Bigint);
            await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(actorId, NpgsqlDbType.Text);
            await copy.WriteAsync(actorName, NpgsqlDbType.Text);
            await copy.WriteAsync(t.Id, NpgsqlDbType.Uuid);
            await copy.WriteAsync(e.Action, NpgsqlDbType.Varchar);
            await copy.WriteAsync(data, NpgsqlDbType.Text);
            await copy.WriteAsync(previous, NpgsqlDbType.Varchar);
            await copy.WriteAsync(hash, NpgsqlDbType.Varchar);
            previous = hash;
        }
        var written = await copy.CompleteAsync();
        Console.WriteLine(string.Create(Inv, $"  audit_events: {written:N0} rows (re-chained)"));
    }

    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 3600 };
        return await command.ExecuteNonQueryAsync();
    }
}
