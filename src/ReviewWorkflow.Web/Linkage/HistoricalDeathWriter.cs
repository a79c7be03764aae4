using Npgsql;
using NpgsqlTypes;
using ReviewWorkflow.Engine.Linkage;

namespace ReviewWorkflow.Web.Linkage;

/// <summary>
/// Writes past deaths as closed historical cases with PostgreSQL COPY (binary), with their persons
/// and linkage identifiers, so a national pool of millions loads in minutes. The caller owns the
/// transaction: a file with bad rows is rolled back whole.
/// </summary>
public static class HistoricalDeathWriter
{
    public const string OfficerId = "historical-import";
    public const string ReferencePrefix = "HX";

    public static async Task WriteAsync(NpgsqlConnection connection, IReadOnlyList<HistoricalDeath> deaths, WorkflowDefinition definition,
        DateTimeOffset now, CancellationToken ct = default)
    {
        if (deaths.Count == 0) return;
        var numbers = await ReferenceNumbersAsync(connection, deaths.Count(d => d.Reference is null), ct);
        var next = 0;
        var rows = deaths.Select(d =>
        {
            var id = Guid.CreateVersion7(now);
            var reference = d.Reference ?? $"{ReferencePrefix}-{d.FoundAt.Year}-{numbers[next++]:D7}";
            return (Id: id, Reference: reference, Death: d);
        }).ToList();

        await using (var cases = await connection.BeginBinaryImportAsync("""
            COPY cases (id, reference, workflow_key, workflow_version, team, officer_id, opened_at, updated_at, status, closed_at,
                        classification, needs_review, referral_requested, deceased_name, deceased_age_years, deceased_sex, found_at,
                        location_description, latitude, longitude, circumstances, substances, markers, substance_families)
            FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            foreach (var (id, reference, d) in rows)
            {
                await cases.StartRowAsync(ct);
                await cases.WriteAsync(id, NpgsqlDbType.Uuid, ct);
                await cases.WriteAsync(reference, NpgsqlDbType.Varchar, ct);
                await cases.WriteAsync(definition.Key, NpgsqlDbType.Varchar, ct);
                await cases.WriteAsync(definition.Version, NpgsqlDbType.Integer, ct);
                await cases.WriteAsync(d.Team, NpgsqlDbType.Varchar, ct);
                await cases.WriteAsync(OfficerId, NpgsqlDbType.Text, ct);
                await cases.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                await cases.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                await cases.WriteAsync(nameof(CaseStatus.Closed), NpgsqlDbType.Varchar, ct);
                await cases.WriteAsync(d.ClosedAt ?? d.FoundAt, NpgsqlDbType.TimestampTz, ct);
                await cases.WriteAsync(d.Classification, NpgsqlDbType.Varchar, ct);
                await cases.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await cases.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await cases.WriteAsync(d.Name, NpgsqlDbType.Varchar, ct);
                if (d.AgeYears is { } age) await cases.WriteAsync(age, NpgsqlDbType.Integer, ct); else await cases.WriteNullAsync(ct);
                await cases.WriteAsync(d.Sex, NpgsqlDbType.Varchar, ct);
                await cases.WriteAsync(d.FoundAt, NpgsqlDbType.TimestampTz, ct);
                await cases.WriteAsync(d.Location, NpgsqlDbType.Varchar, ct);
                await cases.WriteAsync(d.Latitude, NpgsqlDbType.Double, ct);
                await cases.WriteAsync(d.Longitude, NpgsqlDbType.Double, ct);
                await cases.WriteAsync(d.Circumstances, NpgsqlDbType.Varchar, ct);
                await cases.WriteAsync(d.Substances.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                await cases.WriteAsync(d.Markers.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                await cases.WriteAsync(SubstanceCatalog.Read(d.Substances).Families.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            }
            await cases.CompleteAsync(ct);
        }

        if (rows.Any(r => r.Death.Persons.Count > 0))
        {
            await using var persons = await connection.BeginBinaryImportAsync(
                "COPY case_persons (case_id, name, role, phone, email, username, added_at) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var (id, _, d) in rows)
            {
                foreach (var p in d.Persons)
                {
                    await persons.StartRowAsync(ct);
                    await persons.WriteAsync(id, NpgsqlDbType.Uuid, ct);
                    await persons.WriteAsync(p.Name!, NpgsqlDbType.Varchar, ct);
                    await persons.WriteAsync(p.Role!, NpgsqlDbType.Varchar, ct);
                    await WriteNullableAsync(persons, p.Phone, ct);
                    await WriteNullableAsync(persons, p.Email, ct);
                    await WriteNullableAsync(persons, p.Username, ct);
                    await persons.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                }
            }
            await persons.CompleteAsync(ct);
        }

        await using (var identifiers = await connection.BeginBinaryImportAsync(
            "COPY linkage_identifiers (case_id, kind, value, role, person_key, label) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (id, _, d) in rows)
            {
                foreach (var i in PersonIdentifiers.For(d.Name, d.Circumstances, d.Persons.Select(p => (p.Name!, p.Role!, p.Phone, p.Email, p.Username))))
                {
                    await identifiers.StartRowAsync(ct);
                    await identifiers.WriteAsync(id, NpgsqlDbType.Uuid, ct);
                    await identifiers.WriteAsync(i.Kind, NpgsqlDbType.Varchar, ct);
                    await identifiers.WriteAsync(i.Value, NpgsqlDbType.Varchar, ct);
                    await identifiers.WriteAsync(i.Role, NpgsqlDbType.Varchar, ct);
                    await identifiers.WriteAsync(i.Person, NpgsqlDbType.Varchar, ct);
                    await identifiers.WriteAsync(i.Label, NpgsqlDbType.Varchar, ct);
                }
            }
            await identifiers.CompleteAsync(ct);
        }
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken ct)
    {
        if (value is null) await importer.WriteNullAsync(ct);
        else await importer.WriteAsync(value, NpgsqlDbType.Varchar, ct);
    }

    private static async Task<long[]> ReferenceNumbersAsync(NpgsqlConnection connection, int count, CancellationToken ct)
    {
        if (count == 0) return [];
        await using var command = new NpgsqlCommand("SELECT nextval('case_reference_seq') FROM generate_series(1, @n)", connection);
        command.Parameters.AddWithValue("n", count);
        var numbers = new List<long>(count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) numbers.Add(reader.GetInt64(0));
        return [.. numbers];
    }
}
