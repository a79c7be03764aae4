namespace ReviewWorkflow.Web.CaseFile;

/// <summary>
/// The case file's "Documents" section: every document filed on the case, superseded versions
/// included (the file shows what was held, not only the latest), each with its SHA-256 so that a
/// copy produced later can be checked against it. The contents are not read.
/// </summary>
public static class CaseFileDocuments
{
    public static async Task<IReadOnlyList<CaseFileDocument>> ForCaseAsync(ReviewDb db, Guid caseId, CancellationToken ct) =>
        await db.CaseDocuments.AsNoTracking().Where(d => d.CaseId == caseId).OrderBy(d => d.UploadedAt).ThenBy(d => d.Version)
            .Select(d => new CaseFileDocument(d.Version > 1 ? $"{d.FileName} (version {d.Version})" : d.FileName, d.Sha256, d.UploadedAt, d.UploadedByName))
            .ToListAsync(ct);
}
