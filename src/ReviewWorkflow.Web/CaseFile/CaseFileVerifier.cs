using System.Globalization;
using System.Security.Cryptography;
using ReviewWorkflow.Web.Audit;

namespace ReviewWorkflow.Web.CaseFile;

/// <summary>
/// Whether a case file matches the audit trail now. <see cref="Problems"/> say what does not (empty
/// when it matches); <see cref="Notes"/> say what a reader should know even so (the case has moved on).
/// </summary>
public sealed record CaseFileVerification(bool Matches, Guid? CaseId, string? Reference, DateTimeOffset? ExportedAt,
    IReadOnlyList<string> Problems, IReadOnlyList<string> Notes)
{
    public static CaseFileVerification Unreadable(string problem) => new(false, null, null, null, [problem], []);
}

/// <summary>
/// Checks a file three ways: its bytes are exactly those an export recorded (so nothing in it was
/// altered since), every event it cites is still in the trail with the same seal and content, and
/// the chain is intact up to now.
/// </summary>
public static class CaseFileVerifier
{
    /// <param name="chain">The chain's verification up to now, asked only of a readable case file: from the latest checkpoint
    /// (<see cref="AuditCheckpoints.VerifyAsync"/>), or the whole walk the command line shares across a batch.</param>
    public static async Task<CaseFileVerification> VerifyAsync(ReviewDb db, byte[] file, Func<CancellationToken, Task<AuditVerification>> chain,
        CancellationToken ct = default)
    {
        if (file.Length == 0) return CaseFileVerification.Unreadable("the file is empty");
        if (!file.AsSpan().StartsWith("%PDF-"u8)) return CaseFileVerification.Unreadable("not a PDF file (it does not start with %PDF-)");
        var (proof, unreadable) = CaseFileProof.ReadFrom(file);
        if (proof is null) return CaseFileVerification.Unreadable(unreadable!);

        var problems = new List<string>();
        var notes = new List<string>();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(file));
        var export = await db.AuditEvents.AsNoTracking()
            .Where(e => e.CaseId == proof.CaseId && e.Action == CaseFileExport.ExportedAction && e.Data.Contains(sha256))
            .OrderBy(e => e.Sequence).FirstOrDefaultAsync(ct);
        if (export is null)
            problems.Add($"no export of case {proof.Reference} with this file's SHA-256 ({sha256}) is recorded: the file was altered after it was made, or was not made by this system");
        else
            notes.Add($"made by {export.ActorName} at {Ui.Display.UtcTime(export.At)} (audit event {Number(export.Sequence)})");

        var cited = proof.Events.Append(proof.Head).Select(e => e.Sequence).Distinct().ToList();
        var stored = await db.AuditEvents.AsNoTracking().Where(e => cited.Contains(e.Sequence)).ToDictionaryAsync(e => e.Sequence, ct);
        foreach (var e in proof.Events)
            Check(e, stored, problems, caseId: proof.CaseId);
        if (proof.Events.All(e => e.Sequence != proof.Head.Sequence)) Check(proof.Head, stored, problems, caseId: null);

        await CheckLinksAsync(db, proof.CaseId, problems, ct);
        var walked = await chain(ct);
        if (!walked.Valid) problems.Add($"the audit trail is broken at event {walked.FirstBrokenEventId}: {walked.Problem}");

        var later = await db.AuditEvents.AsNoTracking()
            .CountAsync(e => e.CaseId == proof.CaseId && e.Sequence > proof.Head.Sequence && e.Action != CaseFileExport.ExportedAction, ct);
        if (later > 0) notes.Add($"{later} change(s) to the case were recorded after the file was made: it is not the latest record");
        return new CaseFileVerification(problems.Count == 0, proof.CaseId, proof.Reference, proof.ExportedAt, [.. problems.Distinct()], notes);
    }

    /// <summary>
    /// The case's events as the trail holds them now: each sealed over its content, linked to the event
    /// before it (itself intact), and linked to by the event after it; one indexed read for the case's
    /// events and one for their neighbours, whatever the length of the trail.
    /// </summary>
    private static async Task CheckLinksAsync(ReviewDb db, Guid caseId, List<string> problems, CancellationToken ct)
    {
        var own = await db.AuditEvents.AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.Sequence).ToListAsync(ct);
        var sequences = own.Select(e => e.Sequence).ToHashSet();
        var wanted = own.SelectMany(e => new[] { e.Sequence - 1, e.Sequence + 1 }).Where(n => n > 0 && !sequences.Contains(n)).Distinct().ToList();
        var chain = await db.AuditEvents.AsNoTracking().Where(e => wanted.Contains(e.Sequence)).ToDictionaryAsync(e => e.Sequence, ct);
        foreach (var e in own) chain[e.Sequence] = e;
        foreach (var e in own)
        {
            var n = Number(e.Sequence);
            if (AuditHash.Compute(e) != e.Hash) problems.Add($"event {n}: its content no longer matches its seal: the event was altered");
            if (e.Sequence == 1) { if (e.PreviousHash != AuditHash.Genesis) problems.Add($"event {n}: it does not start the chain"); }
            else if (!chain.TryGetValue(e.Sequence - 1, out var before)) problems.Add($"event {Number(e.Sequence - 1)}, before the case's event {n}, is missing from the audit trail");
            else if (AuditHash.Compute(before) != before.Hash) problems.Add($"event {Number(before.Sequence)}, before the case's event {n}, no longer matches its seal: it was altered");
            else if (e.PreviousHash != before.Hash) problems.Add($"event {n}: its link to event {Number(before.Sequence)} does not match: an event was replaced or removed");
            if (chain.TryGetValue(e.Sequence + 1, out var after) && after.PreviousHash != e.Hash)
                problems.Add($"event {Number(after.Sequence)} does not link to the case's event {n}: the event was replaced");
        }
    }

    private static void Check(ProofEvent cited, Dictionary<long, AuditEvent> stored, List<string> problems, Guid? caseId)
    {
        var n = Number(cited.Sequence);
        if (!stored.TryGetValue(cited.Sequence, out var e)) problems.Add($"event {n} cited by the file is no longer in the audit trail");
        else if (e.Hash != cited.Hash) problems.Add($"event {n}: its seal in the trail differs from the file's: the event was replaced after the file was made");
        else if (AuditHash.Compute(e) != e.Hash) problems.Add($"event {n}: its content no longer matches its seal: the event was altered");
        else if (caseId is { } id && e.CaseId != id) problems.Add($"event {n} belongs to another case in the trail");
    }

    private static string Number(long sequence) => sequence.ToString(CultureInfo.InvariantCulture);
}
