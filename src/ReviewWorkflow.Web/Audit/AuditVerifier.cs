namespace ReviewWorkflow.Web.Audit;

public sealed record AuditVerification(bool Valid, long Events, string? FirstBrokenEventId, string? Problem);

/// <summary>Walks the whole chain in order and reports the first row that does not fit.</summary>
public static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(ReviewDb db, CancellationToken ct = default)
    {
        long expected = 1, count = 0;
        var previous = AuditHash.Genesis;
        await foreach (var e in db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
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
        return new AuditVerification(true, count, null, null);
    }
}
