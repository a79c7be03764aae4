using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Linkage;
using ReviewWorkflow.Web.Notifications;

namespace ReviewWorkflow.Web.Linkage;

/// <summary>The decided outcome of a disposition, and the candidate as it now stands (when decided).</summary>
public sealed record DispositionOutcome(CaseOutcome Outcome, LinkageCandidateDto? Candidate);

/// <summary>
/// A linkage candidate decided linked or not linked, with a rationale, through the engine
/// (<see cref="LinkageDisposition"/>), for the API and the linkage page alike.
/// </summary>
public sealed class Disposition(CaseProcedure cases, ReviewDb db, IConfiguration configuration)
{
    public const string NoSuchCandidate = "No such linkage candidate on this case.";

    /// <summary>
    /// The case's candidates, highest score first (visibility is the caller's to check), each with
    /// what an officer of any team needs to judge it: its team, the facts that matched, its officer
    /// and its team's supervisors to contact, and its own decision on this case.
    /// </summary>
    public static async Task<LinkageDto> CandidatesAsync(ReviewDb db, Guid caseId, CancellationToken ct)
    {
        var rows = await (from x in db.LinkageCandidates.AsNoTracking()
                          join other in db.Cases on x.CandidateCaseId equals other.Id
                          where x.CaseId == caseId
                          orderby x.Score descending, other.Reference
                          select new
                          {
                              Candidate = x, other.Reference, other.Team, other.OfficerId, other.LocationDescription, other.FoundAt,
                              other.Latitude, other.Longitude, other.SubstanceFamilies, other.Markers,
                          }).ToListAsync(ct);
        if (rows.Count == 0) return new LinkageDto([]);
        var here = await db.Cases.AsNoTracking().Where(c => c.Id == caseId)
            .Select(c => new { c.Latitude, c.Longitude, c.FoundAt, c.SubstanceFamilies, c.Markers }).SingleAsync(ct);
        var ids = rows.Select(r => r.Candidate.CandidateCaseId).ToList();
        var theirs = await db.LinkageCandidates.AsNoTracking().Where(x => ids.Contains(x.CaseId) && x.CandidateCaseId == caseId)
            .ToDictionaryAsync(x => x.CaseId, ct);
        var officers = rows.Select(r => r.OfficerId).Distinct().ToList();
        var teams = rows.Select(r => r.Team).Distinct().ToList();
        var users = await db.Users.AsNoTracking()
            .Where(u => officers.Contains(u.Id) || (teams.Contains(u.Team) && u.Role == Roles.Supervisor))
            .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName, u.Email, u.Team, u.Role }).ToListAsync(ct);

        return new LinkageDto(rows.Select(r => r.Candidate.ToDto(r.Reference) with
        {
            Team = r.Team,
            Facts = new MatchedFactsDto(r.LocationDescription, r.FoundAt,
                Math.Round(Geo.DistanceKm(here.Latitude, here.Longitude, r.Latitude, r.Longitude), 3),
                Math.Round(Math.Abs((here.FoundAt - r.FoundAt).TotalDays), 1),
                [.. here.SubstanceFamilies.Intersect(r.SubstanceFamilies).Select(SubstanceCatalog.Display)],
                [.. here.Markers.Intersect(r.Markers, StringComparer.OrdinalIgnoreCase)]),
            Officer = users.Where(u => u.Id == r.OfficerId).Select(u => new ContactDto(u.Id, u.DisplayName, u.Email)).FirstOrDefault()
                ?? new ContactDto(r.OfficerId, r.OfficerId, null),
            Supervisors = [.. users.Where(u => u.Team == r.Team && u.Role == Roles.Supervisor).Select(u => new ContactDto(u.Id, u.DisplayName, u.Email))],
            TheirDisposition = theirs.GetValueOrDefault(r.Candidate.CandidateCaseId)?.Disposition(),
        }).ToList());
    }

    public async Task<DispositionOutcome> RunAsync(CaseContext context, Guid candidateCaseId, DispositionRequest request, CurrentUser user, CancellationToken ct)
    {
        var c = context.Case;
        // Read after the case (and its xmin): a decision committed before is seen here, one committed after makes the save a conflict.
        var row = await db.LinkageCandidates.FirstOrDefaultAsync(x => x.CaseId == c.Id && x.CandidateCaseId == candidateCaseId, ct);
        if (row is null) return new(CaseRefused.Because(RefusalKind.NotFound, NoSuchCandidate), null);
        if (CaseRefused.TooLong("rationale", request.Rationale) is { } tooLong) return new(tooLong, null);
        var reference = await db.Cases.Where(x => x.Id == candidateCaseId).Select(x => x.Reference).SingleAsync(ct);
        var now = cases.Now();
        var decided = LinkageDisposition.Decide(context.Definition, context.State, new CandidateView(reference, row.Decision),
            request.Decision, request.Rationale, user.ToActor(), now);
        if (decided is Refused refused) return new(new CaseRefused(refused), null);
        row.Decision = request.Decision!.Trim().ToLowerInvariant();
        row.Rationale = request.Rationale!.Trim();
        row.UpdatedAt = now;
        row.DecidedBy = user.Id;
        row.DecidedByName = user.DisplayName;
        row.DecidedAt = now;
        c.ReconsiderReview(await CaseReview.ReasonsRemainAsync(db, c, ct));
        if (row.Decision == LinkageDisposition.Linked) NotifyLink(c, row, reference, now);
        var outcome = await cases.SaveAsync(context, user, "linkage.dispositioned",
            new { candidate = reference, decision = row.Decision, rationale = row.Rationale, needsReview = c.NeedsReview },
            [.. ((Accepted)decided).Events.SelectMany(e => e.ToActivities())], now, ct);
        return new(outcome, outcome is CaseDone ? row.ToDto(reference) : null);
    }

    /// <summary>F3: a confirmed link is a significant incident; the supervisor and the inspector must know.</summary>
    private void NotifyLink(Case c, LinkageCandidate row, string reference, DateTimeOffset now)
    {
        var link = LinkageCheck.PageUrl(configuration, c.Id);
        var subject = $"{c.Reference}: linked to {reference}";
        var text = $"Case {c.Reference} was linked to {reference} by an officer. The homicide referral is now required. See: {link}";
        foreach (var recipient in new[] { "supervisor", "inspector" })
        {
            Outbox.Enqueue(db, $"linkage-linked:{c.Id}:{row.CandidateCaseId}:{recipient}", c.Id, "linkage", recipient, c.Team,
                subject, text, $"<p>{System.Net.WebUtility.HtmlEncode(text)}</p>", now);
        }
    }
}
