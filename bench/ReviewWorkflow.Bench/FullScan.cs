using Npgsql;
using NpgsqlTypes;
using ReviewWorkflow.Engine.Linkage;
using ReviewWorkflow.Web.Linkage;

namespace ReviewWorkflow.Bench;

/// <summary>
/// The baseline: the same search (same boxes, rare-substance span and identifier lookups) as one
/// pass over the cases and one over the identifiers, with the planner forbidden to use indexes.
/// It is what the search would cost without them; it also checks the indexed search finds the same deaths.
/// </summary>
public static class FullScan
{
    public static async Task<HashSet<Guid>> FindAsync(NpgsqlConnection connection, LinkageSubject subject, LinkageSearchPlan plan)
    {
        var command = new NpgsqlCommand { Connection = connection, CommandTimeout = 3600 };
        const string point = "ST_SetSRID(ST_MakePoint(@lon, @lat), 4326)::geography";
        var conditions = new List<string>();
        for (var i = 0; i < plan.PlaceBoxes.Count; i++)
        {
            conditions.Add($"(c.found_at BETWEEN @from{i} AND @to{i} AND ST_DWithin(c.place, {point}, @r{i}, false))");
            command.Parameters.AddWithValue($"r{i}", plan.PlaceBoxes[i].RadiusMeters);
            command.Parameters.AddWithValue($"from{i}", subject.FoundAt - plan.PlaceBoxes[i].Window);
            command.Parameters.AddWithValue($"to{i}", subject.FoundAt + plan.PlaceBoxes[i].Window);
        }
        if (plan.RareFamilies.Count > 0)
        {
            conditions.Add($"""
                (c.substance_families && @rare AND (({LinkageSearch.RareConditions})
                    OR (c.found_at BETWEEN @from AND @to AND ST_DWithin(c.place, {point}, @radius, false))))
                """);
            command.Parameters.AddWithValue("from", subject.FoundAt - plan.Window);
            command.Parameters.AddWithValue("to", subject.FoundAt + plan.Window);
            LinkageSearch.AddRare((name, value, type) => command.Parameters.Add(
                type is { } t ? new NpgsqlParameter(name, t) { Value = value } : new NpgsqlParameter(name, value)), subject, plan);
        }
        conditions.Add("""
            c.id IN (SELECT case_id FROM (
                SELECT i.case_id, row_number() OVER (PARTITION BY i.kind, i.value ORDER BY i.id DESC) AS n
                FROM linkage_identifiers i JOIN unnest(@kinds, @values) AS q(kind, value) ON i.kind = q.kind AND i.value = q.value) x
                WHERE n <= @limit)
            """);
        command.Parameters.AddWithValue("kinds", NpgsqlDbType.Array | NpgsqlDbType.Text, plan.Lookups.Select(l => l.Kind).ToArray());
        command.Parameters.AddWithValue("values", NpgsqlDbType.Array | NpgsqlDbType.Text, plan.Lookups.Select(l => l.Value).ToArray());
        command.Parameters.AddWithValue("limit", LinkageSearch.PerValueLimit);
        command.Parameters.AddWithValue("lon", subject.Longitude);
        command.Parameters.AddWithValue("lat", subject.Latitude);
        command.CommandText = $"""
            SELECT c.id, c.reference, c.team, c.officer_id, c.status, c.workflow_key, c.workflow_version,
                   c.found_at, c.latitude, c.longitude, c.deceased_sex, c.deceased_age_years, c.substance_families, c.markers
            FROM cases c WHERE {string.Join("\n OR ", conditions)}
            """;
        var ids = new HashSet<Guid>();
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        }
        return ids;
    }
}
