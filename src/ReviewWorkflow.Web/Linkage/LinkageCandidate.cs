namespace ReviewWorkflow.Web.Linkage;

/// <summary>
/// Another recorded death that scored at or above the threshold against this case. It stays until
/// an officer decides it, linked or not linked, with a rationale (F8); the decision is never
/// overwritten, and while any candidate is undecided the linkage step cannot complete nor the case close.
/// </summary>
public sealed class LinkageCandidate
{
    public long Id { get; init; }
    public Guid CaseId { get; init; }
    public Guid CandidateCaseId { get; init; }
    public double Score { get; set; }
    /// <summary>The reasons as JSON: [{ factor, detail, contribution }], highest contribution first.</summary>
    public required string ReasonsJson { get; set; }
    public required DateTimeOffset AddedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? Decision { get; set; }
    public string? Rationale { get; set; }
    public string? DecidedBy { get; set; }
    public string? DecidedByName { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}
