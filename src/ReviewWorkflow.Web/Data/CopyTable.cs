using Npgsql;
using NpgsqlTypes;

namespace ReviewWorkflow.Web.Data;

/// <summary>
/// Rows of one table written with PostgreSQL binary COPY (the sweep's escalations, the audit trail's
/// batches, historical imports): each column is named beside the value written into it, so the
/// COPY statement and the values cannot drift out of order. A null value is written as NULL.
/// </summary>
public sealed class CopyTable<TRow>(string table)
{
    private readonly List<(string Name, Func<NpgsqlBinaryImporter, TRow, CancellationToken, Task> Write)> columns = [];

    public CopyTable<TRow> Column<TValue>(string name, NpgsqlDbType type, Func<TRow, TValue> value)
    {
        columns.Add((name, (copy, row, ct) => copy.WriteAsync(value(row), type, ct)));
        return this;
    }

    /// <summary>Writes the rows on the caller's connection, inside its transaction if it has one.</summary>
    public async Task WriteAsync(NpgsqlConnection connection, IEnumerable<TRow> rows, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY {table} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(ct);
            foreach (var (_, write) in columns) await write(copy, row, ct);
        }
        await copy.CompleteAsync(ct);
    }
}
