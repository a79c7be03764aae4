using ReviewWorkflow.Engine.Linkage;
using ReviewWorkflow.Web.Linkage;

namespace ReviewWorkflow.Web.Casework;

/// <summary>One death of a series, in the order found. Another team's death shows its reference, time and place only.</summary>
public sealed record SeriesCaseDto(Guid CaseId, string Reference, string? DeceasedName, DateTimeOffset FoundAt, string? Place, double Latitude,
    double Longitude, string Team, string Status, bool Visible, double? DaysAfterPrevious);

/// <summary>One linkage candidate between two deaths of the series: its score, reasons and disposition.</summary>
public sealed record SeriesLinkDto(Guid CaseId, string Reference, Guid CandidateCaseId, string CandidateReference, double Score,
    IReadOnlyList<LinkageReasonDto> Reasons, DispositionDto? Disposition);

public sealed record SeriesDto(Guid CaseId, IReadOnlyList<SeriesCaseDto> Cases, IReadOnlyList<SeriesLinkDto> Links);

/// <summary>
/// The series a death belongs to: every death linked to it directly or through others (candidates
/// dispositioned "linked", whichever side decided), in the order found, with every candidate between
/// two of them — what an inspector needs to see four deaths as one (F8). One recursive query.
/// </summary>
public static class CaseSeries
{
    /// <summary>A bound on the walk: a series larger than this is a data problem, not a page.</summary>
    public const int MaxCases = 500;

    public static async Task<SeriesDto> ReadAsync(ReviewDb db, Guid caseId, CurrentUser user, CancellationToken ct)
    {
        var ids = await db.Database.SqlQuery<Guid>($"""
            WITH RECURSIVE series(id) AS (
                SELECT {caseId}
              UNION
                SELECT CASE WHEN l.case_id = s.id THEN l.candidate_case_id ELSE l.case_id END
                FROM series AS s JOIN linkage_candidates AS l ON (l.case_id = s.id OR l.candidate_case_id = s.id)
                WHERE l.decision = {LinkageDisposition.Linked}
            )
            SELECT id AS "Value" FROM series LIMIT {MaxCases}
            """).ToListAsync(ct);
        var cases = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.FoundAt).ThenBy(c => c.Reference)
            .Select(c => new { c.Id, c.Reference, c.DeceasedName, c.FoundAt, c.LocationDescription, c.Latitude, c.Longitude, c.Team, c.Status })
            .ToListAsync(ct);
        var references = cases.ToDictionary(c => c.Id, c => c.Reference);
        var links = await db.LinkageCandidates.AsNoTracking().Where(l => ids.Contains(l.CaseId) && ids.Contains(l.CandidateCaseId))
            .OrderBy(l => l.AddedAt).ThenBy(l => l.Id).ToListAsync(ct);
        DateTimeOffset? previous = null;
        var shown = new List<SeriesCaseDto>(cases.Count);
        foreach (var c in cases)
        {
            var visible = user.CanSee(c.Team);
            shown.Add(new(c.Id, c.Reference, visible ? c.DeceasedName : null, c.FoundAt, visible ? c.LocationDescription : null, c.Latitude, c.Longitude,
                c.Team, c.Status.ToString().ToLowerInvariant(), visible, previous is { } p ? Math.Round((c.FoundAt - p).TotalDays, 1) : null));
            previous = c.FoundAt;
        }
        return new SeriesDto(caseId, shown, [.. links.Select(l =>
        {
            var dto = l.ToDto(references[l.CandidateCaseId]);
            return new SeriesLinkDto(l.CaseId, references[l.CaseId], l.CandidateCaseId, dto.Reference, dto.Score, dto.Reasons, dto.Disposition);
        })]);
    }
}
