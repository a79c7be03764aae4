using System.Security.Cryptography;
using ReviewWorkflow.Web.Audit;
using ReviewWorkflow.Web.Steps;

namespace ReviewWorkflow.Web.CaseFile;

/// <summary>A case file as made: its bytes and the name to save it under.</summary>
public sealed record ExportedCaseFile(byte[] Pdf, string Reference, string FileName, string Sha256);

/// <summary>
/// Makes a case's file for a user who may read the case, and records the export in the audit trail
/// with the SHA-256 of the bytes handed out, so <c>verify-file</c> can tell the file from an altered copy.
/// </summary>
public sealed class CaseFileExport(ReviewDb db, CaseProcedure cases, AuditTrail audit, IConfiguration configuration)
{
    public const string ExportedAction = "case.file-exported";

    /// <summary>The file, or null when the case is missing or not the user's to read (as GET /api/cases/{id}).</summary>
    public async Task<ExportedCaseFile?> ExportAsync(Guid id, CurrentUser user, CaseFileVariant variant, CancellationToken ct = default)
    {
        CaseFileFonts.Install(configuration["CaseFile:FontFolder"]);
        var read = await cases.ReadAsync(id, user, ct);
        if (read is null) return null;
        var record = await RecordAsync(read, user, variant, ct);
        var lines = CaseFileContent.Build(record);
        var c = read.Context.Case;
        var proof = new CaseFileProof(c.Id, c.Reference, record.ExportedAt, variant.ToString().ToLowerInvariant(),
            [.. record.AuditEvents.Select(e => new ProofEvent(e.Sequence, e.Hash))], record.Head);
        var pdf = CaseFilePdf.Render(c.Reference, lines, proof);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await audit.AppendAsync(user, c.Id, ExportedAction, new
        {
            sha256, variant = proof.Variant, events = proof.Events.Count, head = record.Head.Sequence,
        }, ct);
        await tx.CommitAsync(ct);
        var suffix = variant == CaseFileVariant.Redacted ? "-redacted" : "";
        return new ExportedCaseFile(pdf, c.Reference, $"case-file-{FileNames.Safe(c.Reference)}{suffix}.pdf", sha256);
    }

    private async Task<CaseFileRecord> RecordAsync(CaseRead read, CurrentUser user, CaseFileVariant variant, CancellationToken ct)
    {
        var id = read.Context.Case.Id;
        var candidates = await db.LinkageCandidates.AsNoTracking().Where(x => x.CaseId == id)
            .OrderBy(x => x.AddedAt).ThenBy(x => x.Id).ToListAsync(ct);
        var otherIds = candidates.Select(x => x.CandidateCaseId).ToList();
        var references = await db.Cases.AsNoTracking().Where(o => otherIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Reference, ct);
        var items = await db.FamilyInformationItems.AsNoTracking().Include(i => i.Actions).Where(i => i.CaseId == id)
            .OrderBy(i => i.Number).ToListAsync(ct);
        var definition = read.Context.Definition;
        var userIds = FieldDisplay.UserIds(definition.Steps.SelectMany(s => s.Fields), read.Context.Activities.Select(a => FieldCodec.FromJson(a.FieldsJson)))
            .Concat(items.Select(i => i.AssigneeId));
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.Sequence).ToListAsync(ct);
        var head = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new ProofEvent(e.Sequence, e.Hash)).FirstAsync(ct); // the case's opening is an event: the chain is never empty here
        return new CaseFileRecord(read,
            [.. candidates.Select(x => new CaseFileCandidate(x, references.GetValueOrDefault(x.CandidateCaseId) ?? "another case"))],
            items, await TeamUsers.DisplayNamesAsync(db, userIds, ct), await CaseFileDocuments.ForCaseAsync(db, id, ct),
            events, head, cases.Now(), user.DisplayName, variant);
    }
}

public static class FileNames
{
    /// <summary>A reference as part of a file name: letters, digits and dashes only.</summary>
    public static string Safe(string text) => new([.. text.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-' ? ch : '-')]);
}
