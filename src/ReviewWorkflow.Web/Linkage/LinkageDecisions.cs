using Microsoft.EntityFrameworkCore;
using ReviewWorkflow.Engine;
using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Linkage;
using ReviewWorkflow.Web.Accounts;
using ReviewWorkflow.Web.Cases;
using ReviewWorkflow.Web.Data;
using ReviewWorkflow.Web.Notifications;

namespace ReviewWorkflow.Web.Linkage;

/// <summary>The decided outcome of a disposition, and the candidate as it now stands (when decided).</summary>
public sealed record DispositionOutcome(CaseOutcome Outcome, LinkageCandidateDto? Candidate);

/// <summary>
/// A case's linkage candidates and their dispositions, as both the API and the linkage page use
/// them: one place decides, so a page cannot accept what the API would refuse.
/// </summary>
public static class LinkageDecisions
{
    public const string NoSuchCandidate = "No such linkage candidate on this case.";

    /// <summary>
    /// The case's candidates, highest score first (visibility is the caller's to check), each with
    /// what an officer of any team needs to judge it: its team, the facts that matched, its officer
    /// and its team's supervisors to contact, and its own decision on this case.
    /// </summary>
    public static async Task<LinkageDto> ListAsync(ReviewDb db, Guid caseId, CancellationToken ct)
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

    /// <summary>
    /// Decides one candidate through the engine (<see cref="LinkageDisposition"/>), in the case's
    /// transaction; an unknown candidate is a NotFound refusal, an overlong rationale an Invalid one.
    /// </summary>
    public static async Task<DispositionOutcome> DecideAsync(Guid id, Guid candidateCaseId, DispositionRequest request,
        CaseProcedure procedure, ReviewDb db, CurrentUser user, IConfiguration configuration, CancellationToken ct)
    {
        var row = await db.LinkageCandidates.FirstOrDefaultAsync(x => x.CaseId == id && x.CandidateCaseId == candidateCaseId, ct);
        if (row is null) return new(new CaseRefused(Refused.Because(RefusalKind.NotFound, NoSuchCandidate)), null);
        if (request.Rationale is { Length: > CaseLimits.Rationale })
        {
            var message = $"at most {CaseLimits.Rationale} characters";
            return new(new CaseRefused(new Refused(RefusalKind.Invalid, [$"rationale: {message}"], new Dictionary<string, string[]> { ["rationale"] = [message] })), null);
        }
        var reference = await db.Cases.Where(c => c.Id == candidateCaseId).Select(c => c.Reference).SingleAsync(ct);

        var outcome = await procedure.ChangeAsync(id, user, "linkage.dispositioned", async (context, now) =>
        {
            // Read again after the case (and its xmin): a decision committed between the first read
            // and the case load would otherwise be overwritten by a second, "first" disposition.
            await db.Entry(row).ReloadAsync(ct);
            var decided = LinkageDisposition.Decide(context.Definition, context.State, new CandidateView(reference, row.Decision),
                request.Decision, request.Rationale, user.ToActor(), now);
            if (decided is Refused refused) return CaseChange.Refused(refused);
            row.Decision = request.Decision!.Trim().ToLowerInvariant();
            row.Rationale = request.Rationale!.Trim();
            await ApplyAsync(db, context.Case, row, reference, user, configuration, now, ct);
            return CaseChange.Applied(
                new { candidate = reference, decision = row.Decision, rationale = row.Rationale, needsReview = context.Case.NeedsReview },
                [.. ((Accepted)decided).Events.SelectMany(e => e.ToActivities())]);
        }, ct);
        return new(outcome, outcome is CaseDone ? row.ToDto(reference) : null);
    }

    /// <summary>Records the decision on the candidate (saved with the case by the procedure, in its transaction).</summary>
    private static async Task ApplyAsync(ReviewDb db, Case c, LinkageCandidate row, string reference,
        CurrentUser user, IConfiguration configuration, DateTimeOffset now, CancellationToken ct)
    {
        row.UpdatedAt = now;
        row.DecidedBy = user.Id;
        row.DecidedByName = user.DisplayName;
        row.DecidedAt = now;
        // A closed case stays on the review list while any reason remains (CaseReview), this candidate no longer one.
        if (c.NeedsReview) c.NeedsReview = await CaseReview.NeedsReviewAsync(db, c, ct);

        if (row.Decision != LinkageDisposition.Linked) return;
        // F3: a confirmed link is a significant incident; the supervisor and the inspector must know.
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
