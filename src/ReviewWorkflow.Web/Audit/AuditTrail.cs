using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace ReviewWorkflow.Web.Audit;

/// <summary>Appends to the hash-chained audit trail inside the caller's transaction.</summary>
public sealed class AuditTrail(ReviewDb db, TimeProvider clock)
{
    // Any constant works; it only has to be the same for every writer of the chain.
    private const long ChainLock = 0x5245_5649_4557; // "REVIEW"

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Adds one event. Must run inside a transaction: the advisory lock serialises writers so two
    /// commits can never both claim the same predecessor, and is released at commit.
    /// </summary>
    public async Task AppendAsync(CurrentUser actor, Guid? caseId, string action, object data, CancellationToken ct = default)
    {
        db.AuditEvents.AddRange(await ChainAsync(actor, [(caseId, action, data)], ct));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// As <see cref="AppendAsync"/>, for a caller that has just saved everything it changed (a case command): the event
    /// is written by one statement, sent with the lock, that links it to the chain's end itself (hashed as
    /// <see cref="AuditHash.Compute(long, DateTimeOffset, string, string, Guid?, string, string, string)"/> does, which
    /// verifies it). Every change to a case queues for this lock until the holder commits, so the time it is held
    /// bounds the rate of changes: this way no round trip to the app falls inside it, only the commit.
    /// </summary>
    public async Task AppendSavedAsync(CurrentUser actor, Guid caseId, string action, object data, CancellationToken ct = default)
    {
        var text = JsonSerializer.Serialize(data, Json);
        var at = AuditHash.ToStoredPrecision(clock.GetUtcNow());
        await using var batch = LockedBatch(new NpgsqlBatchCommand(LinkedInsert)
        {
            Parameters =
            {
                new() { Value = at }, new() { Value = actor.Id }, new() { Value = actor.DisplayName }, new() { Value = caseId },
                new() { Value = action }, new() { Value = text }, new() { Value = AuditHash.Genesis },
            },
        });
        await batch.ExecuteNonQueryAsync(ct);
    }

    private const string LinkedInsert = """
        INSERT INTO audit_events (sequence, at, actor_id, actor_name, case_id, action, data, previous_hash, hash)
        SELECT e.sequence, $1, $2, $3, $4, $5, $6, e.previous,
               encode(sha256(convert_to(concat_ws(E'\n', e.sequence::text, to_char($1 AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                   $2, $3, coalesce($4::text, ''), $5, $6, e.previous), 'UTF8')), 'hex')
        FROM (SELECT coalesce(last.sequence, 0) + 1 AS sequence, coalesce(last.hash, $7) AS previous
              FROM (SELECT 1) AS one
              LEFT JOIN (SELECT sequence, hash FROM audit_events ORDER BY sequence DESC LIMIT 1) AS last ON true) e
        """;

    /// <summary>
    /// Adds several events by one actor under one lock, with COPY (the escalation sweep records
    /// thousands at once); same rules as <see cref="AppendAsync"/>.
    /// </summary>
    public async Task AppendManyAsync(CurrentUser actor, IReadOnlyList<(Guid? CaseId, string Action, object Data)> events, CancellationToken ct = default)
    {
        var rows = await ChainAsync(actor, events, ct);
        await Rows.WriteAsync((NpgsqlConnection)db.Database.GetDbConnection(), rows, ct);
    }

    private static readonly CopyTable<AuditEvent> Rows = new CopyTable<AuditEvent>("audit_events")
        .Column("sequence", NpgsqlDbType.Bigint, e => e.Sequence)
        .Column("at", NpgsqlDbType.TimestampTz, e => e.At)
        .Column("actor_id", NpgsqlDbType.Text, e => e.ActorId)
        .Column("actor_name", NpgsqlDbType.Text, e => e.ActorName)
        .Column("case_id", NpgsqlDbType.Uuid, e => e.CaseId)
        .Column("action", NpgsqlDbType.Varchar, e => e.Action)
        .Column("data", NpgsqlDbType.Text, e => e.Data)
        .Column("previous_hash", NpgsqlDbType.Varchar, e => e.PreviousHash)
        .Column("hash", NpgsqlDbType.Varchar, e => e.Hash);

    /// <summary>
    /// Takes the chain's lock and links the new events to its end. Every change to a case waits its turn here until the
    /// holder commits, so what happens under the lock bounds the whole app's rate of changes: the events' data is
    /// serialised before it is taken, and the lock and the read of the chain's end go in one round trip.
    /// </summary>
    private async Task<List<AuditEvent>> ChainAsync(CurrentUser actor, IReadOnlyList<(Guid? CaseId, string Action, object Data)> events, CancellationToken ct)
    {
        var texts = events.Select(e => JsonSerializer.Serialize(e.Data, Json)).ToList();
        var (sequence, previous) = await LockEndAsync(ct);
        var at = AuditHash.ToStoredPrecision(clock.GetUtcNow());
        var rows = new List<AuditEvent>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var (caseId, action, _) = events[i];
            sequence++;
            var hash = AuditHash.Compute(sequence, at, actor.Id, actor.DisplayName, caseId, action, texts[i], previous);
            rows.Add(new AuditEvent
            {
                Sequence = sequence, At = at, ActorId = actor.Id, ActorName = actor.DisplayName, CaseId = caseId,
                Action = action, Data = texts[i], PreviousHash = previous, Hash = hash,
            });
            previous = hash;
        }
        return rows;
    }

    /// <summary>The chain's lock, then its end, in one round trip.</summary>
    private async Task<(long Sequence, string Hash)> LockEndAsync(CancellationToken ct)
    {
        await using var batch = LockedBatch(new NpgsqlBatchCommand("SELECT sequence, hash FROM audit_events ORDER BY sequence DESC LIMIT 1"));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetString(1)) : (0, AuditHash.Genesis);
    }

    /// <summary>
    /// The chain's lock, then a statement on its end. One batch, yet the end seen is the one the previous holder committed:
    /// PostgreSQL runs a batch's statements in turn, and a statement's snapshot (read committed) is taken when it is
    /// reached, after the lock is granted.
    /// </summary>
    private NpgsqlBatch LockedBatch(NpgsqlBatchCommand onTheEnd)
    {
        if (db.Database.CurrentTransaction is not { } transaction)
            throw new InvalidOperationException("Audit events must be appended inside the transaction of the change they record.");
        return new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction())
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1)") { Parameters = { new() { Value = ChainLock } } },
                onTheEnd,
            },
        };
    }
}
