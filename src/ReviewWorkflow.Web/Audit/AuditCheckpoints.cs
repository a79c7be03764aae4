using System.Globalization;
using System.Text.Json;

namespace ReviewWorkflow.Web.Audit;

/// <summary>
/// Checkpoints of the audit chain: an <c>audit.checkpoint</c> event, itself sealed in the chain,
/// saying that the chain was walked intact up to event <c>through</c>, whose hash was <c>hash</c>. A
/// check of the chain "up to now" then walks only what came after the latest checkpoint, once it has
/// found that event still carrying that hash (a chain rewritten up to it would not): milliseconds at a
/// million events instead of seconds. The whole walk stays what the audit verification page and the
/// command line do, and what makes the first checkpoint.
/// </summary>
public sealed class AuditCheckpoints(ReviewDb db, AuditTrail trail)
{
    public const string Action = "audit.checkpoint";

    /// <summary>How long a tail is walked before a check sets a new checkpoint at its end.</summary>
    public const int Every = 1000;

    private static readonly CurrentUser Checker = new("audit-checkpoint", "Audit checkpoint", Roles.Admin, "");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Mark(long Through, string Hash);

    /// <summary>
    /// Whether the chain is intact up to now: the latest checkpoint still fits the chain and every
    /// event after it is linked and sealed; with no checkpoint yet, the whole chain. A walk of
    /// <see cref="Every"/> events or more, found intact, ends in a new checkpoint.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        var latest = await db.AuditEvents.AsNoTracking().Where(e => e.CaseId == null && e.Action == Action)
            .OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(ct);
        AuditVerification walked;
        if (latest is null) walked = await AuditVerifier.VerifyAsync(db, ct);
        else
        {
            var number = latest.Sequence.ToString(CultureInfo.InvariantCulture);
            if (AuditHash.Compute(latest) != latest.Hash)
                return new AuditVerification(false, 0, number, "the checkpoint's content does not match its hash: the event was altered");
            var mark = JsonSerializer.Deserialize<Mark>(latest.Data, Json)!;
            var anchor = await db.AuditEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Sequence == mark.Through, ct);
            var at = mark.Through.ToString(CultureInfo.InvariantCulture);
            if (anchor is null) return new AuditVerification(false, 0, at, $"the event checkpoint {number} vouches for is no longer in the trail");
            if (anchor.Hash != mark.Hash || AuditHash.Compute(anchor) != anchor.Hash)
                return new AuditVerification(false, 0, at, $"it no longer matches checkpoint {number}: the chain up to it was altered or rewritten");
            walked = await AuditVerifier.WalkAsync(db, mark.Through, mark.Hash, ct);
        }
        if (walked.Valid && walked.Last is { } last && (latest is null || walked.Events >= Every)) await SetAsync(last, ct);
        return walked;
    }

    private async Task SetAsync((long Sequence, string Hash) last, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await trail.AppendAsync(Checker, null, Action, new Mark(last.Sequence, last.Hash), ct);
        await tx.CommitAsync(ct);
    }
}
