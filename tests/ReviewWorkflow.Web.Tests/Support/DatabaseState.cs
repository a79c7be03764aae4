using Npgsql;

namespace ReviewWorkflow.Web.Tests.Support;

/// <summary>
/// Everything the app stores, table by table: row count and a hash of the rows' content. Two equal
/// states mean a request changed nothing; every "refused and changed nothing" test compares these.
/// Hangfire's own schema is left out (job bookkeeping, not our data), and so are the issued refresh
/// tokens: every sign-in records one, and tests sign their clients in as they go. So are the audit
/// events of case-file exports: reading a case's file (a GET) is recorded as a disclosure, but
/// changes nothing of the case; tests of the export count those events themselves.
/// </summary>
public sealed record DatabaseState(IReadOnlyDictionary<string, string> Tables)
{
    public static async Task<DatabaseState> ReadAsync(string connectionString)
    {
        var tables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var names = new List<string>();
        await using (var list = new NpgsqlCommand("""
            SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
            WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema', 'hangfire')
              AND (table_schema, table_name) <> ('public', 'refresh_tokens')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        Assert.NotEmpty(names);
        foreach (var table in names)
        {
            var rows = table == "public.audit_events" ? "WHERE t.action <> 'case.file-exported'" : "";
            await using var command = new NpgsqlCommand(
                $"SELECT count(*) || ' rows, ' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), 'empty') FROM {table} t {rows}", connection);
            tables[table] = (string)(await command.ExecuteScalarAsync())!;
        }
        return new DatabaseState(tables);
    }

    /// <summary>The tables whose rows differ, with both states, for an assertion message.</summary>
    public IEnumerable<string> DifferencesFrom(DatabaseState before) =>
        Tables.Keys.Union(before.Tables.Keys).Order(StringComparer.Ordinal)
            .Where(t => before.Tables.GetValueOrDefault(t) != Tables.GetValueOrDefault(t))
            .Select(t => $"{t}: {before.Tables.GetValueOrDefault(t)} -> {Tables.GetValueOrDefault(t)}");
}
