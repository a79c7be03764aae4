using Npgsql;
using NpgsqlTypes;
using ReviewWorkflow.Engine.Linkage;

namespace ReviewWorkflow.Web.Linkage;

/// <summary>A recorded death the search found, with what the scorer needs and what storing a candidate needs.</summary>
public sealed record FoundDeath(Guid Id, string Team, string OfficerId, bool Closed, string WorkflowKey, int WorkflowVersion, LinkageSubject Facts);

/// <summary>
/// The candidate search: indexed queries in PostgreSQL that return every recorded death the
/// scorer could rate at or above the threshold (see <see cref="LinkageSearchPlan"/>), and few
/// others. Distance, time and the rest are weighed by the engine, not here. One round trip.
/// </summary>
public static class LinkageSearch
{
    /// <summary>
    /// Most stored identifiers looked at per value. A value on more deaths than this (a common name)
    /// stops being evidence of a link; the most recently recorded ones are taken.
    /// </summary>
    public const int PerValueLimit = 50;

    private const string Columns = """
        c.id, c.reference, c.team, c.officer_id, c.status, c.workflow_key, c.workflow_version,
        c.found_at, c.latitude, c.longitude, c.deceased_sex, c.deceased_age_years, c.substance_families, c.markers
        """;

    // Stored identifiers equal to one of the plan's lookups, at most PerValueLimit per value (index on kind, value, id).
    private const string IdentifierMatches = """
        SELECT m.case_id, m.kind, m.value, m.role, m.person_key, m.label
        FROM unnest(@kinds, @values) AS q(kind, value)
        CROSS JOIN LATERAL (
            SELECT i.case_id, i.kind, i.value, i.role, i.person_key, i.label
            FROM linkage_identifiers i
            WHERE i.kind = q.kind AND i.value = q.value AND i.case_id <> @self
            ORDER BY i.id DESC
            LIMIT @limit) m
        """;

    /// <param name="first">
    /// Statements to run before the search in the same round trip (the linkage check's locks): each
    /// statement of a batch takes its snapshot when it starts, so the search sees what the holder of a
    /// lock committed before letting go.
    /// </param>
    public static async Task<IReadOnlyList<FoundDeath>> FindAsync(
        NpgsqlConnection connection, Guid self, LinkageSubject subject, LinkageSearchPlan plan, CancellationToken ct = default,
        IReadOnlyList<NpgsqlBatchCommand>? first = null)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var command in first ?? []) batch.BatchCommands.Add(command);
        // A handful of small index scans: starting parallel workers or compiling (JIT) costs more
        // than either could save, and the planner cannot tell, as it cannot size the rare-drug filter.
        // A search by persons alone (a step answered, an item logged: a quarter of all completions) keeps
        // its prepared plan: PostgreSQL otherwise plans it again on every run, as it prices a plan for
        // arrays of any length above one for the arrays given (0.5 ms of planning against 0.1 ms of
        // running in the throughput benchmark). Its plan, the identifier index then the primary key,
        // does not depend on the values; a search by place and time does, and is planned each time.
        var byPersonsOnly = plan.PlaceBoxes.Count == 0 && plan.RareFamilies.Count == 0;
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            SELECT set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true),
                   set_config('plan_cache_mode', '{(byPersonsOnly ? "force_generic_plan" : "auto")}', true)
            """));
        var identifiers = new NpgsqlBatchCommand(IdentifierMatches);
        AddLookups(identifiers.Parameters, self, plan);
        var (sql, parameters) = CasesQuery(self, subject, plan);
        var cases = new NpgsqlBatchCommand(sql);
        cases.Parameters.AddRange(parameters.ToArray());
        batch.BatchCommands.Add(identifiers);
        batch.BatchCommands.Add(cases);
        // The rest of the change's transaction is planned as usual.
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('plan_cache_mode', 'auto', true)"));

        var matched = new Dictionary<Guid, List<LinkageIdentifier>>();
        var found = new List<FoundDeath>();
        var seen = new HashSet<Guid>();
        await using var reader = await batch.ExecuteReaderAsync(ct);
        for (var skipped = 0; skipped <= (first?.Count ?? 0); skipped++) await reader.NextResultAsync(ct); // past those and the settings
        while (await reader.ReadAsync(ct))
        {
            var caseId = reader.GetGuid(0);
            if (!matched.TryGetValue(caseId, out var list)) matched[caseId] = list = [];
            list.Add(new LinkageIdentifier(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        }
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetGuid(0);
            if (!seen.Add(id)) continue;
            var facts = new LinkageSubject(
                reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(7), reader.GetDouble(8), reader.GetDouble(9),
                reader.GetFieldValue<string[]>(12), reader.GetString(10), reader.IsDBNull(11) ? null : reader.GetInt32(11),
                reader.GetFieldValue<string[]>(13), matched.TryGetValue(id, out var identifiersOf) ? identifiersOf : []);
            found.Add(new FoundDeath(id, reader.GetString(2), reader.GetString(3), reader.GetString(4) == "Closed",
                reader.GetString(5), reader.GetInt32(6), facts));
        }
        return found;
    }

    /// <summary>
    /// One UNION ALL of index scans: a box on the (place, found_at) GiST index per staircase step,
    /// the rare-substance families on their GIN index, and the deaths found by identifier by primary
    /// key. The same death may come from several branches; the reader keeps the first.
    /// </summary>
    internal static (string Sql, List<NpgsqlParameter> Parameters) CasesQuery(Guid self, LinkageSubject subject, LinkageSearchPlan plan)
    {
        var parameters = new List<NpgsqlParameter>();
        void Add(string name, object value, NpgsqlDbType? type = null) =>
            parameters.Add(type is { } t ? new NpgsqlParameter(name, t) { Value = value } : new NpgsqlParameter(name, value));
        const string point = "ST_SetSRID(ST_MakePoint(@lon, @lat), 4326)::geography";
        var branches = new List<string>();
        for (var i = 0; i < plan.PlaceBoxes.Count; i++)
        {
            branches.Add($"SELECT {Columns} FROM cases c WHERE ST_DWithin(c.place, {point}, @r{i}, false) AND c.found_at BETWEEN @from{i} AND @to{i}");
            Add($"r{i}", plan.PlaceBoxes[i].RadiusMeters);
            Add($"from{i}", subject.FoundAt - plan.PlaceBoxes[i].Window);
            Add($"to{i}", subject.FoundAt + plan.PlaceBoxes[i].Window);
        }
        if (plan.RareFamilies.Count > 0)
        {
            // Through the small rare-drug partial indexes: by time nationwide, by place nearby. The
            // near branch's time test is written so the large place-and-time index does not apply:
            // its 5 km, 6-year box holds thousands of deaths, the partial index a handful.
            var rare = CaseLinkageConfiguration.RareFilter.Replace("substance_families", "c.substance_families");
            branches.Add($"""
                SELECT {Columns} FROM cases c
                WHERE {rare} AND c.substance_families && @rare
                  AND c.found_at BETWEEN @rareFrom AND @rareTo AND ({RareConditions})
                """);
            branches.Add($"""
                SELECT {Columns} FROM cases c
                WHERE {rare} AND c.substance_families && @rare
                  AND ST_DWithin(c.place, {point}, @radius, false) AND abs(extract(epoch FROM c.found_at - @at)) <= @window
                """);
            AddRare(Add, subject, plan);
            Add("rareFrom", subject.FoundAt - plan.RareWindow.Longest);
            Add("rareTo", subject.FoundAt + plan.RareWindow.Longest);
            Add("window", plan.Window.TotalSeconds);
        }
        if (plan.Lookups.Count > 0)
        {
            branches.Add($"SELECT {Columns} FROM cases c WHERE c.id IN (SELECT case_id FROM ({IdentifierMatches}) matched)");
            var lookups = new NpgsqlParameterCollectionShim();
            AddLookups(lookups, self, plan);
            parameters.AddRange(lookups.Items.Where(p => p.ParameterName != "self"));
        }
        if (branches.Count == 0) branches.Add($"SELECT {Columns} FROM cases c WHERE false");
        Add("lon", subject.Longitude);
        Add("lat", subject.Latitude);
        Add("self", self);
        return ($"SELECT * FROM ({string.Join("\nUNION ALL\n", branches)}) found WHERE found.id <> @self", parameters);
    }

    /// <summary>
    /// Which deaths sharing a rare drug are wanted at any distance (see <see cref="RareWindows"/>):
    /// seconds apart, by sex and shared marker. A filter on the few rows of the time range.
    /// </summary>
    public const string RareConditions = """
        abs(extract(epoch FROM c.found_at - @at)) <= @rareAny
        OR (c.deceased_sex = @sex AND abs(extract(epoch FROM c.found_at - @at)) <= @rareSex)
        OR (c.markers && @markers AND abs(extract(epoch FROM c.found_at - @at)) <= @rareMarker)
        OR (c.deceased_sex = @sex AND c.markers && @markers AND abs(extract(epoch FROM c.found_at - @at)) <= @rareBoth)
        """;

    public static void AddRare(Action<string, object, NpgsqlDbType?> add, LinkageSubject subject, LinkageSearchPlan plan)
    {
        add("rare", plan.RareFamilies.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        add("at", subject.FoundAt, null);
        add("sex", subject.Sex, null);
        add("markers", subject.Markers.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        add("rareAny", plan.RareWindow.Any.TotalSeconds, null);
        add("rareSex", plan.RareWindow.SameSex.TotalSeconds, null);
        add("rareMarker", plan.RareWindow.SharedMarker.TotalSeconds, null);
        add("rareBoth", plan.RareWindow.SameSexSharedMarker.TotalSeconds, null);
        add("radius", plan.RadiusMeters, null);
    }

    private static void AddLookups(NpgsqlParameterCollection parameters, Guid self, LinkageSearchPlan plan) =>
        AddLookups(new NpgsqlParameterCollectionShim(parameters), self, plan);

    private static void AddLookups(NpgsqlParameterCollectionShim parameters, Guid self, LinkageSearchPlan plan)
    {
        parameters.Add(new NpgsqlParameter("kinds", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = plan.Lookups.Select(l => l.Kind).ToArray() });
        parameters.Add(new NpgsqlParameter("values", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = plan.Lookups.Select(l => l.Value).ToArray() });
        parameters.Add(new NpgsqlParameter("self", self));
        parameters.Add(new NpgsqlParameter("limit", PerValueLimit));
    }

    /// <summary>Collects parameters for either a batch command or a plain list.</summary>
    private sealed class NpgsqlParameterCollectionShim(NpgsqlParameterCollection? target = null)
    {
        public List<NpgsqlParameter> Items { get; } = [];

        public void Add(NpgsqlParameter parameter)
        {
            if (target is not null) target.Add(parameter);
            else Items.Add(parameter);
        }
    }
}
