using Microsoft.AspNetCore.Http.HttpResults;

namespace ReviewWorkflow.Web.Cases;

/// <summary><c>GET /api/cases</c>: the caller's visible cases, filtered and paged, newest first.</summary>
public static class CaseList
{
    public const int MaxPageSize = 200;
    public const int MaxPage = int.MaxValue / MaxPageSize;

    public static async Task<Results<Ok<CaseListDto>, ValidationProblem>> QueryAsync(
        ReviewDb db, CurrentUser user, TimeProvider clock, CancellationToken ct,
        string? status = null, bool? mine = null, bool? overdue = null, bool? needsReview = null, int page = 1, int pageSize = 50)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is not (null or "open" or "closed")) errors["status"] = ["must be open or closed"];
        if (page < 1) errors["page"] = ["must be 1 or more"];
        // The offset is computed in int: a page past it would overflow into a negative OFFSET (a 500).
        else if (page > MaxPage) errors["page"] = [$"must be at most {MaxPage}"];
        if (pageSize is < 1 or > MaxPageSize) errors["pageSize"] = [$"must be between 1 and {MaxPageSize}"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var now = clock.GetUtcNow();
        var query = db.Cases.AsNoTracking();
        if (!user.SeesAllTeams) query = query.Where(c => c.Team == user.Team);
        if (status is not null) query = query.Where(c => c.Status == (status == "open" ? CaseStatus.Open : CaseStatus.Closed));
        if (mine == true) query = query.Where(c => c.OfficerId == user.Id);
        if (needsReview is { } review) query = query.Where(c => c.NeedsReview == review);
        if (overdue == true)
            query = query.Where(c => c.Status == CaseStatus.Open && c.Steps.Any(s => OpenStates.Contains(s.State) && s.DueAt < now));

        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(c => c.OpenedAt).ThenBy(c => c.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(c => new CaseSummaryDto(c.Id, c.Reference, c.Status == CaseStatus.Open ? "open" : "closed", c.Classification, c.Team, c.OfficerId,
                c.OpenedAt, c.FoundAt, c.NeedsReview,
                c.Steps.Count(s => OpenStates.Contains(s.State) && s.DueAt < now),
                c.Steps.Where(s => OpenStates.Contains(s.State)).Min(s => s.DueAt)))
            .ToListAsync(ct);
        return TypedResults.Ok(new CaseListDto(items, total, page, pageSize));
    }

    private static readonly StepState[] OpenStates = [StepState.Blocked, StepState.Available, StepState.Returned];
}
