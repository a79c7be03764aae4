using ReviewWorkflow.Web.Audit;
using ReviewWorkflow.Web.FamilyInformation;
using ReviewWorkflow.Web.Linkage;

namespace ReviewWorkflow.Web.CaseFile;

/// <summary>Full: names as recorded. Redacted for disclosure: family members and persons not charged by their roles.</summary>
public enum CaseFileVariant { Full, Redacted }

/// <summary>A linkage candidate with the other case's reference, as the file lists it.</summary>
public sealed record CaseFileCandidate(LinkageCandidate Candidate, string Reference);

/// <summary>
/// A document held for the case, listed with its SHA-256 so a reader can check the copy they hold.
/// There is no documents feature yet: <see cref="CaseFileDocuments"/> lists none until one arrives.
/// </summary>
public sealed record CaseFileDocument(string Name, string Sha256, DateTimeOffset AddedAt, string AddedBy);

/// <summary>Everything the case file says, read from the record at one moment.</summary>
public sealed record CaseFileRecord(
    CaseRead Read,
    IReadOnlyList<CaseFileCandidate> Candidates,
    IReadOnlyList<FamilyInformationItem> FamilyItems,
    IReadOnlyDictionary<string, string> UserNames,
    IReadOnlyList<CaseFileDocument> Documents,
    IReadOnlyList<AuditEvent> AuditEvents,
    ProofEvent Head,
    DateTimeOffset ExportedAt,
    string ExportedBy,
    CaseFileVariant Variant)
{
    public Case Case => Read.Context.Case;
}
