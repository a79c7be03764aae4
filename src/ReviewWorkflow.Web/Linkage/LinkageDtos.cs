namespace ReviewWorkflow.Web.Linkage;

public sealed record LinkageReasonDto(string Factor, string Detail, double Contribution);

public sealed record DispositionDto(string Decision, string Rationale, UserRefDto By, DateTimeOffset At);

/// <summary>
/// A candidate as the officer judges it, whichever team it belongs to: the facts that matched and
/// whom to contact, with the other side's decision on this case; never the rest of its record.
/// </summary>
public sealed record LinkageCandidateDto(Guid CaseId, string Reference, double Score, IReadOnlyList<LinkageReasonDto> Reasons, DispositionDto? Disposition)
{
    public string? Team { get; init; }
    public MatchedFactsDto? Facts { get; init; }
    public ContactDto? Officer { get; init; }
    public IReadOnlyList<ContactDto> Supervisors { get; init; } = [];
    /// <summary>How the candidate's own case decided this case, when it has it as a candidate.</summary>
    public DispositionDto? TheirDisposition { get; init; }
}

/// <summary>Where and when the candidate death was found, and what it shares with this one.</summary>
public sealed record MatchedFactsDto(string Place, DateTimeOffset FoundAt, double Km, double DaysApart,
    IReadOnlyList<string> SharedSubstances, IReadOnlyList<string> SharedMarkers);

public sealed record ContactDto(string Id, string DisplayName, string? Email);

public sealed record LinkageDto(IReadOnlyList<LinkageCandidateDto> Candidates);

public sealed record DispositionRequest(string? Decision, string? Rationale);

public static class LinkageDtoMapping
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static LinkageCandidateDto ToDto(this LinkageCandidate c, string reference) => new(
        c.CandidateCaseId, reference, c.Score,
        System.Text.Json.JsonSerializer.Deserialize<List<LinkageReasonDto>>(c.ReasonsJson, Json) ?? [],
        c.Disposition());

    public static DispositionDto? Disposition(this LinkageCandidate c) =>
        c.Decision is null ? null : new DispositionDto(c.Decision, c.Rationale ?? "", new UserRefDto(c.DecidedBy ?? "", c.DecidedByName ?? ""), c.DecidedAt!.Value);
}
