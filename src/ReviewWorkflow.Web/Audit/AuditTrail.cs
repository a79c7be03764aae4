using System.Text.Json;
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
    /// As <see cref="AppendAsync"/>, for a caller that has just saved everything it changed (a case
    /// command): the event is written by one INSERT, not through EF's change tracking, which would
    /// look over every row the command has tracked once more to find nothing else to save.
    /// </summary>
    public async Task AppendSavedAsync(CurrentUser actor, Guid caseId, string action, object data, CancellationToken ct = default)
    {
        var e = (await ChainAsync(actor, [(caseId, action, data)], ct))[0];
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO audit_events (sequence, at, actor_id, actor_name, case_id, action, data, previous_hash, hash)
            VALUES ({e.Sequence}, {e.At}, {e.ActorId}, {e.ActorName}, {caseId}, {e.Action}, {e.Data}, {e.PreviousHash}, {e.Hash})
            """, ct);
    }

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

    private sealed record ChainEnd(long Sequence, string Hash);

    // Compiled once: read by every command, inside the chain's lock.
    private static readonly Func<ReviewDb, Task<ChainEnd?>> LastOf = EF.CompileAsyncQuery((ReviewDb db) =>
        db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => new ChainEnd(e.Sequence, e.Hash)).FirstOrDefault());

    /// <summary>Takes the chain's lock and links the new events to its end.</summary>
    private async Task<List<AuditEvent>> ChainAsync(CurrentUser actor, IReadOnlyList<(Guid? CaseId, string Action, object Data)> events, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Audit events must be appended inside the transaction of the change they record.");
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ChainLock})", ct);
        var last = await LastOf(db);
        var sequence = last?.Sequence ?? 0;
        var previous = last?.Hash ?? AuditHash.Genesis;
        var at = AuditHash.ToStoredPrecision(clock.GetUtcNow());
        var rows = new List<AuditEvent>(events.Count);
        foreach (var (caseId, action, data) in events)
        {
            sequence++;
            var text = JsonSerializer.Serialize(data, Json);
            var hash = AuditHash.Compute(sequence, at, actor.Id, actor.DisplayName, caseId, action, text, previous);
            rows.Add(new AuditEvent
            {
                Sequence = sequence, At = at, ActorId = actor.Id, ActorName = actor.DisplayName, CaseId = caseId,
                Action = action, Data = text, PreviousHash = previous, Hash = hash,
            });
            previous = hash;
        }
        return rows;
    }
}
