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

        await new CopyTable<(Guid Id, string Reference, HistoricalDeath Death)>("cases")
            .Column("id", NpgsqlDbType.Uuid, r => r.Id)
            .Column("reference", NpgsqlDbType.Varchar, r => r.Reference)
            .Column("workflow_key", NpgsqlDbType.Varchar, _ => definition.Key)
            .Column("workflow_version", NpgsqlDbType.Integer, _ => definition.Version)
            .Column("team", NpgsqlDbType.Varchar, r => r.Death.Team)
            .Column("officer_id", NpgsqlDbType.Text, _ => OfficerId)
            .Column("opened_at", NpgsqlDbType.TimestampTz, _ => now)
            .Column("updated_at", NpgsqlDbType.TimestampTz, _ => now)
            .Column("status", NpgsqlDbType.Varchar, _ => nameof(CaseStatus.Closed))
            .Column("closed_at", NpgsqlDbType.TimestampTz, r => r.Death.ClosedAt ?? r.Death.FoundAt)
            .Column("classification", NpgsqlDbType.Varchar, r => r.Death.Classification)
            .Column("needs_review", NpgsqlDbType.Boolean, _ => false)
            .Column("referral_requested", NpgsqlDbType.Boolean, _ => false)
            .Column("deceased_name", NpgsqlDbType.Varchar, r => r.Death.Name)
            .Column("deceased_age_years", NpgsqlDbType.Integer, r => r.Death.AgeYears)
            .Column("deceased_sex", NpgsqlDbType.Varchar, r => r.Death.Sex)
            .Column("found_at", NpgsqlDbType.TimestampTz, r => r.Death.FoundAt)
            .Column("location_description", NpgsqlDbType.Varchar, r => r.Death.Location)
            .Column("latitude", NpgsqlDbType.Double, r => r.Death.Latitude)
            .Column("longitude", NpgsqlDbType.Double, r => r.Death.Longitude)
            .Column("circumstances", NpgsqlDbType.Varchar, r => r.Death.Circumstances)
            .Column("substances", NpgsqlDbType.Array | NpgsqlDbType.Text, r => r.Death.Substances.ToArray())
            .Column("markers", NpgsqlDbType.Array | NpgsqlDbType.Text, r => r.Death.Markers.ToArray())
            .Column("substance_families", NpgsqlDbType.Array | NpgsqlDbType.Text, r => SubstanceCatalog.Read(r.Death.Substances).Families.ToArray())
            .WriteAsync(connection, rows, ct);

        if (rows.Any(r => r.Death.Persons.Count > 0))
        {
            await new CopyTable<(Guid CaseId, PersonInput Person)>("case_persons")
                .Column("case_id", NpgsqlDbType.Uuid, r => r.CaseId)
                .Column("name", NpgsqlDbType.Varchar, r => r.Person.Name!)
                .Column("role", NpgsqlDbType.Varchar, r => r.Person.Role!)
                .Column("phone", NpgsqlDbType.Varchar, r => r.Person.Phone)
                .Column("email", NpgsqlDbType.Varchar, r => r.Person.Email)
                .Column("username", NpgsqlDbType.Varchar, r => r.Person.Username)
                .Column("added_at", NpgsqlDbType.TimestampTz, _ => now)
                .WriteAsync(connection, rows.SelectMany(r => r.Death.Persons.Select(p => (r.Id, p))), ct);
        }

        await new CopyTable<(Guid CaseId, LinkageIdentifier Identifier)>("linkage_identifiers")
            .Column("case_id", NpgsqlDbType.Uuid, r => r.CaseId)
            .Column("kind", NpgsqlDbType.Varchar, r => r.Identifier.Kind)
            .Column("value", NpgsqlDbType.Varchar, r => r.Identifier.Value)
            .Column("role", NpgsqlDbType.Varchar, r => r.Identifier.Role)
            .Column("person_key", NpgsqlDbType.Varchar, r => r.Identifier.Person)
            .Column("label", NpgsqlDbType.Varchar, r => r.Identifier.Label)
            .WriteAsync(connection, rows.SelectMany(r => PersonIdentifiers
                .For(r.Death.Name, r.Death.Circumstances, r.Death.Persons.Select(p => (p.Name!, p.Role!, p.Phone, p.Email, p.Username)))
                .Select(i => (r.Id, i))), ct);
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
