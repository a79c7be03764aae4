using ReviewWorkflow.Web.Steps;
namespace ReviewWorkflow.Web.Cases;

public sealed record UserRefDto(string Id, string DisplayName);

public sealed record WorkflowRefDto(string Key, int Version);

public sealed record DeceasedDto(string Name, int? AgeYears, string Sex);

public sealed record LocationDto(string Description, double Latitude, double Longitude);

public sealed record PersonDto(string Name, string Role, string? Phone, string? Email, string? Username);

public sealed record StepDto(
    string Key, string Title, string Kind, string State, DateTimeOffset? DueAt,
    UserRefDto? Assignee, UserRefDto? CompletedBy, DateTimeOffset? CompletedAt,
    IReadOnlyList<string> WaitingFor, string? ReturnReason)
{
    /// <summary>The step's pause (see <c>POST …/pause</c>): asked for, approved or ended; null when none.</summary>
    public StepPauseDto? Pause { get; init; }
}

public sealed record CaseDto(
    Guid Id, string Reference, string Status, string Classification, WorkflowRefDto Workflow,
    string Team, UserRefDto Officer, string? Owner, bool ReferralRequested, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, bool NeedsReview,
    DeceasedDto Deceased, DateTimeOffset FoundAt, LocationDto Location, string Circumstances,
    IReadOnlyList<string> Substances, IReadOnlyList<string> Markers, IReadOnlyList<PersonDto> Persons,
    IReadOnlyList<StepDto> Steps, bool CanClose, IReadOnlyList<string> Unmet,
    IReadOnlyList<string> UnrecognisedSubstances)
{
    /// <summary>The colleague holding the officer's work while the officer's approved handover is in force; null when none.</summary>
    public CoverDto? OfficerCover { get; init; }
}

/// <summary>Who covers for an officer, and until when.</summary>
public sealed record CoverDto(string Id, string DisplayName, DateTimeOffset Until);

public sealed record CaseSummaryDto(
    Guid Id, string Reference, string Status, string Classification, string Team, string OfficerId,
    DateTimeOffset OpenedAt, DateTimeOffset FoundAt, bool NeedsReview, int OverdueSteps, DateTimeOffset? NextDueAt);

public sealed record CaseListDto(IReadOnlyList<CaseSummaryDto> Items, int Total, int Page, int PageSize);

public static class CaseDtoMapping
{
    public static string Wire(this StepState state) => state switch
    {
        StepState.NotApplicable => "not-applicable",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static string Wire(this StepKind kind) => kind switch
    {
        StepKind.FamilyInformation => "family-information",
        StepKind.SignOff => "sign-off",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static string Wire(this CaseStatus status) => status.ToString().ToLowerInvariant();

    public static CaseDto ToDto(this CaseContext context, CaseEvaluation evaluation, string officerName)
    {
        var c = context.Case;
        var rows = c.Steps.ToDictionary(s => s.Key);
        var steps = evaluation.Steps.Select(s =>
        {
            var row = rows.GetValueOrDefault(s.Step.Key);
            var assignee = context.HolderOf(row, s.State);
            var completedBy = row?.CompletedBy is { } by ? new UserRefDto(by, row.CompletedByName ?? by) : null;
            return new StepDto(s.Step.Key, s.Step.Title, s.Step.Kind.Wire(), s.State.Wire(), s.DueAt,
                assignee, completedBy, row?.CompletedAt, s.WaitingFor, s.State == StepState.Returned ? s.Return?.Note : null) { Pause = StepPauseDto.From(s.Pause) };
        }).ToList();
        return new CaseDto(c.Id, c.Reference, c.Status.Wire(), c.Classification, new WorkflowRefDto(c.WorkflowKey, c.WorkflowVersion),
            c.Team, new UserRefDto(c.OfficerId, officerName), c.Owner, c.ReferralRequested, c.OpenedAt, c.ClosedAt, c.NeedsReview,
            new DeceasedDto(c.DeceasedName, c.DeceasedAgeYears, c.DeceasedSex), c.FoundAt,
            new LocationDto(c.LocationDescription, c.Latitude, c.Longitude), c.Circumstances,
            c.Substances, c.Markers, c.Persons.OrderBy(p => p.Id).Select(p => new PersonDto(p.Name, p.Role, p.Phone, p.Email, p.Username)).ToList(),
            steps, evaluation.CanClose, evaluation.Unmet,
            // Kept and compared as written, but flagged: the spelling may hide a known drug.
            Engine.Linkage.SubstanceCatalog.Read(c.Substances).Unrecognised)
        {
            OfficerCover = context.OfficerCover is { } cover ? new CoverDto(cover.ToId, cover.ToName, cover.EndsAt) : null,
        };
    }
}
