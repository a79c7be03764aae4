using ReviewWorkflow.Web.Cases;

namespace ReviewWorkflow.Web.Linkage;

public sealed record LinkageReasonDto(string Factor, string Detail, double Contribution);

public sealed record DispositionDto(string Decision, string Rationale, UserRefDto By, DateTimeOffset At);

public sealed record LinkageCandidateDto(Guid CaseId, string Reference, double Score, IReadOnlyList<LinkageReasonDto> Reasons, DispositionDto? Disposition);

public sealed record LinkageDto(IReadOnlyList<LinkageCandidateDto> Candidates);

public sealed record DispositionRequest(string? Decision, string? Rationale);

public static class LinkageDtoMapping
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static LinkageCandidateDto ToDto(this LinkageCandidate c, string reference) => new(
        c.CandidateCaseId, reference, c.Score,
        System.Text.Json.JsonSerializer.Deserialize<List<LinkageReasonDto>>(c.ReasonsJson, Json) ?? [],
        c.Decision is null ? null : new DispositionDto(c.Decision, c.Rationale ?? "", new UserRefDto(c.DecidedBy ?? "", c.DecidedByName ?? ""), c.DecidedAt!.Value));
}
