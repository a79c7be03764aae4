using Npgsql;
using NpgsqlTypes;
using ReviewWorkflow.Engine.Linkage;

namespace ReviewWorkflow.Web.Linkage;

/// <summary>A recorded death the search found, with what the scorer needs and what storing a candidate needs.</summary>
public sealed record FoundDeath(Guid Id, string Team, string OfficerId, bool Closed, string WorkflowKey, int WorkflowVersion, LinkageSubject Facts);

/// <summary>
/// The candidate search: indexed queries in PostgreSQL that return every recorded death the
/// scorer could rate at or above the threshold (see <see cref="LinkageSearchPlan"/>), and few
/// others. Distance, time and the rest are weighed by the engine, not here.
/// </summary>
public static class LinkageSearch
{
    /// <summary>
    /// Most stored identifiers looked at per value. A value on more deaths than this (a common name)
    /// stops being evidence of a link; the most recently recorded ones are taken.
    /// </summary>
    public const int PerValueLimit = 50;

    public static async Task<IReadOnlyList<FoundDeath>> FindAsync(
        NpgsqlConnection connection, Guid self, LinkageSubject subject, LinkageSearchPlan plan, CancellationToken ct = default)
    {
        var matched = await IdentifiersAsync(connection, self, plan, ct);
        var ids = matched.Keys.ToArray();

        await using var command = new NpgsqlCommand("""
            SELECT c.id, c.reference, c.team, c.officer_id, c.status, c.workflow_key, c.workflow_version,
                   c.found_at, c.latitude, c.longitude, c.deceased_sex, c.deceased_age_years, c.substance_families, c.markers
            FROM cases c
            WHERE c.id IN (
                SELECT p.id FROM cases p
                WHERE ST_DWithin(p.place, ST_SetSRID(ST_MakePoint(@lon, @lat), 4326)::geography, @radius, false)
                  AND p.found_at BETWEEN @from AND @to
                UNION ALL
                SELECT r.id FROM cases r
                WHERE cardinality(@rare) > 0 AND r.substance_families && @rare AND r.found_at BETWEEN @rareFrom AND @rareTo
                UNION ALL
                SELECT unnest(@ids))
              AND c.id <> @self
            """, connection);
        command.Parameters.AddWithValue("lon", subject.Longitude);
        command.Parameters.AddWithValue("lat", subject.Latitude);
        command.Parameters.AddWithValue("radius", plan.RadiusMeters);
        command.Parameters.AddWithValue("from", subject.FoundAt - plan.Window);
        command.Parameters.AddWithValue("to", subject.FoundAt + plan.Window);
        command.Parameters.AddWithValue("rare", NpgsqlDbType.Array | NpgsqlDbType.Text, plan.RareFamilies.ToArray());
        command.Parameters.AddWithValue("rareFrom", subject.FoundAt - plan.RareWindow);
        command.Parameters.AddWithValue("rareTo", subject.FoundAt + plan.RareWindow);
        command.Parameters.AddWithValue("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid, ids);
        command.Parameters.AddWithValue("self", self);

        var found = new List<FoundDeath>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetGuid(0);
            var facts = new LinkageSubject(
                reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(7), reader.GetDouble(8), reader.GetDouble(9),
                reader.GetFieldValue<string[]>(12), reader.GetString(10), reader.IsDBNull(11) ? null : reader.GetInt32(11),
                reader.GetFieldValue<string[]>(13), matched.TryGetValue(id, out var identifiers) ? identifiers : []);
            found.Add(new FoundDeath(id, reader.GetString(2), reader.GetString(3), reader.GetString(4) == "Closed",
                reader.GetString(5), reader.GetInt32(6), facts));
        }
        return found;
    }

    /// <summary>Stored identifiers equal to one of the plan's lookups, by case.</summary>
    private static async Task<Dictionary<Guid, List<LinkageIdentifier>>> IdentifiersAsync(
        NpgsqlConnection connection, Guid self, LinkageSearchPlan plan, CancellationToken ct)
    {
        var byCase = new Dictionary<Guid, List<LinkageIdentifier>>();
        if (plan.Lookups.Count == 0) return byCase;
        await using var command = new NpgsqlCommand("""
            SELECT m.case_id, m.kind, m.value, m.role, m.person_key, m.label
            FROM unnest(@kinds, @values) AS q(kind, value)
            CROSS JOIN LATERAL (
                SELECT i.case_id, i.kind, i.value, i.role, i.person_key, i.label
                FROM linkage_identifiers i
                WHERE i.kind = q.kind AND i.value = q.value AND i.case_id <> @self
                ORDER BY i.id DESC
                LIMIT @limit) m
            """, connection);
        command.Parameters.AddWithValue("kinds", NpgsqlDbType.Array | NpgsqlDbType.Text, plan.Lookups.Select(l => l.Kind).ToArray());
        command.Parameters.AddWithValue("values", NpgsqlDbType.Array | NpgsqlDbType.Text, plan.Lookups.Select(l => l.Value).ToArray());
        command.Parameters.AddWithValue("self", self);
        command.Parameters.AddWithValue("limit", PerValueLimit);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var caseId = reader.GetGuid(0);
            if (!byCase.TryGetValue(caseId, out var list)) byCase[caseId] = list = [];
            list.Add(new LinkageIdentifier(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        }
        return byCase;
    }
}
