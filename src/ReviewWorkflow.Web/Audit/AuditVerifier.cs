namespace ReviewWorkflow.Web.Audit;

public sealed record AuditVerification(bool Valid, long Events, string? FirstBrokenEventId, string? Problem)
{
    /// <summary>The last event walked, with its hash (null when none was): where a checkpoint may be set.</summary>
    public (long Sequence, string Hash)? Last { get; init; }
}

/// <summary>Walks the chain in order and reports the first row that does not fit.</summary>
public static class AuditVerifier
{
    /// <summary>The whole chain, from its first event.</summary>
    public static Task<AuditVerification> VerifyAsync(ReviewDb db, CancellationToken ct = default) => WalkAsync(db, 0, AuditHash.Genesis, ct);

    /// <summary>The events after <paramref name="after"/>, the first of which must link to <paramref name="previous"/> (that event's hash).</summary>
    public static async Task<AuditVerification> WalkAsync(ReviewDb db, long after, string previous, CancellationToken ct = default)
    {
        long expected = after + 1, count = 0;
        await foreach (var e in db.AuditEvents.AsNoTracking().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            var problem =
                e.Sequence != expected ? $"expected event {expected}, found {e.Sequence}: an event was removed or reordered" :
                e.PreviousHash != previous ? "its link to the previous event does not match: the previous event was altered or removed" :
                AuditHash.Compute(e) != e.Hash ? "its content does not match its hash: the event was altered" :
                null;
            if (problem is not null)
                return new AuditVerification(false, count, e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), problem);
            previous = e.Hash;
            expected++;
        }
        return new AuditVerification(true, count, null, null) { Last = expected > 1 ? (expected - 1, previous) : null };
    }
}
