using ReviewWorkflow.Web.Data;

namespace ReviewWorkflow.Web.CaseFile;

/// <summary>
/// The hook for the documents feature: the case file's "Documents" section lists what this returns,
/// name and SHA-256 each. No documents are stored yet, so it returns none and the section says so.
/// </summary>
public static class CaseFileDocuments
{
    public static Task<IReadOnlyList<CaseFileDocument>> ForCaseAsync(ReviewDb db, Guid caseId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<CaseFileDocument>>([]);
}
