using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ReviewWorkflow.Engine.Definitions;
using ReviewWorkflow.Engine.Linkage;
using ReviewWorkflow.Web.Accounts;
using ReviewWorkflow.Web.Audit;
using ReviewWorkflow.Web.Cases;
using ReviewWorkflow.Web.Data;
using ReviewWorkflow.Web.Notifications;
using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Web.Linkage;

/// <summary>One run of the linkage check for one case: the deaths that reached the threshold, with their scores.</summary>
public sealed record LinkageRun(Case Case, LinkageSubject Subject, LinkageSettings? Settings, IReadOnlyList<LinkageMatch> Matches)
{
    public static LinkageRun None(Case c, LinkageSubject subject) => new(c, subject, null, []);
}

public sealed record LinkageMatch(FoundDeath Other, LinkageScore Score);

/// <summary>
/// The mandatory linkage check (F8). Runs inside the transaction that records a death or adds facts
/// to it, so no death is ever stored without having been compared with every recorded death, and
/// it works in both directions: the earlier death gets the later one as a candidate too, its
/// officer and supervisor are told, and a closed earlier case goes back on the review list.
/// </summary>
public sealed class LinkageCheck(ReviewDb db, WorkflowRegistry workflows, AuditTrail audit, IConfiguration configuration)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Any constant distinct from the audit chain's lock.
    private const long RunLock = 0x4C49_4E4B_4147; // "LINKAG"

    /// <summary>
    /// Before the case is evaluated: refreshes its families and identifiers, searches, scores and
    /// stores the candidates on this case (tracked; saved with the case).
    /// </summary>
    public async Task<LinkageRun> RunAsync(Case c, WorkflowDefinition definition, DateTimeOffset now, CancellationToken ct = default)
    {
        // Two deaths recorded at the same moment would each miss the other (neither is committed
        // when the other searches); one run at a time, across app instances, until commit.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RunLock})", ct);
        c.SubstanceFamilies = [.. SubstanceCatalog.Read(c.Substances).Families];
        var identifiers = PersonIdentifiers.For(c);
        await db.PersonIdentifiers.Where(i => i.CaseId == c.Id).ExecuteDeleteAsync(ct);
        db.PersonIdentifiers.AddRange(identifiers.Select(i => new PersonIdentifier
        {
            CaseId = c.Id, Kind = i.Kind, Value = i.Value, Role = i.Role, PersonKey = i.Person, Label = i.Label,
        }));

        var subject = SubjectOf(c, identifiers);
        if (definition.StepOfKind(StepKind.Linkage)?.Linkage is not { } settings) return LinkageRun.None(c, subject);

        var plan = LinkageSearchPlan.For(settings, subject);
        var found = await LinkageSearch.FindAsync((NpgsqlConnection)db.Database.GetDbConnection(), c.Id, subject, plan, ct);
        var matches = found
            .Select(f => new LinkageMatch(f, LinkageScorer.Score(settings, subject, f.Facts)))
            .Where(m => m.Score.Reaches(settings.Threshold))
            .ToList();

        var existing = await db.LinkageCandidates.Where(x => x.CaseId == c.Id).ToDictionaryAsync(x => x.CandidateCaseId, ct);
        foreach (var m in matches) Upsert(existing.GetValueOrDefault(m.Other.Id), c.Id, m.Other.Id, m.Score, now);
        return new LinkageRun(c, subject, settings, matches);
    }

    /// <summary>
    /// After the case's own audit event, in the same transaction: the audit of what was found (when
    /// anything was; the case's own event records that the check ran, as it runs with every change), and
    /// the other direction — each matched death gets this one as a candidate (scored with its own
    /// workflow's weights), and where that candidate is new, its case row is touched (so a
    /// concurrent close conflicts instead of closing past it), a closed case is marked for review,
    /// and its officer and supervisor are notified.
    /// </summary>
    public async Task RecordAsync(LinkageRun run, CurrentUser user, DateTimeOffset now, CancellationToken ct = default)
    {
        var c = run.Case;
        if (run.Matches.Count == 0) return;
        await audit.AppendAsync(user, c.Id, "linkage.candidates-found", new
        {
            candidates = run.Matches.OrderByDescending(m => m.Score.Score)
                .Select(m => new { reference = m.Other.Facts.Reference, score = Math.Round(m.Score.Score, 3) }).ToList(),
        }, ct);

        var ids = run.Matches.Select(m => m.Other.Id).ToList();
        var existing = await db.LinkageCandidates.Where(x => ids.Contains(x.CaseId) && x.CandidateCaseId == c.Id)
            .ToDictionaryAsync(x => x.CaseId, ct);
        var added = new List<LinkageMatch>();
        foreach (var m in run.Matches)
        {
            var settings = workflows.Catalog.Find(m.Other.WorkflowKey, m.Other.WorkflowVersion)?.StepOfKind(StepKind.Linkage)?.Linkage ?? run.Settings!;
            var score = LinkageScorer.Score(settings, m.Other.Facts, run.Subject);
            if (Upsert(existing.GetValueOrDefault(m.Other.Id), m.Other.Id, c.Id, score, now)) added.Add(m);
        }
        if (added.Count == 0)
        {
            await db.SaveChangesAsync(ct);
            return;
        }

        // Sorted, so two deaths recorded at once lock the earlier cases in the same order (no deadlock).
        var touched = added.Select(m => m.Other.Id).Order().ToArray();
        await db.Database.ExecuteSqlAsync(
            $"UPDATE cases SET updated_at = {now}, needs_review = needs_review OR status = 'Closed' WHERE id = ANY({touched})", ct);
        await CandidateArrival.RefreshStepsAsync(db, workflows, touched, now, ct);
        foreach (var m in added.OrderBy(m => m.Other.Id))
        {
            Notify(m.Other, c, now);
            await audit.AppendAsync(user, m.Other.Id, "linkage.candidate-added", new
            {
                candidate = c.Reference, direction = "a later death matched this case", closed = m.Other.Closed,
            }, ct);
        }
    }

    /// <summary>Adds a candidate, or refreshes the score of an undecided one; true when added.</summary>
    private bool Upsert(LinkageCandidate? row, Guid caseId, Guid candidateId, LinkageScore score, DateTimeOffset now)
    {
        var reasons = JsonSerializer.Serialize(score.Reasons.Select(r => new LinkageReasonDto(r.Factor, r.Detail, Math.Round(r.Contribution, 3))), Json);
        if (row is null)
        {
            db.LinkageCandidates.Add(new LinkageCandidate
            {
                CaseId = caseId, CandidateCaseId = candidateId, Score = Math.Round(score.Score, 3), ReasonsJson = reasons,
                AddedAt = now, UpdatedAt = now,
            });
            return true;
        }
        // A decision was taken on the evidence then shown; the record of it is not rewritten.
        if (row.Decision is null)
        {
            row.Score = Math.Round(score.Score, 3);
            row.ReasonsJson = reasons;
            row.UpdatedAt = now;
        }
        return false;
    }

    private void Notify(FoundDeath earlier, Case later, DateTimeOffset now)
    {
        var link = $"{PublicUrl(configuration)}/api/cases/{earlier.Id}/linkage";
        var subject = $"{earlier.Facts.Reference}: new linkage candidate {later.Reference}";
        var text = $"A death recorded since ({later.Reference}) matches case {earlier.Facts.Reference}"
            + (earlier.Closed ? ", which is closed and is back on the review list" : "")
            + $". Decide the candidate, linked or not linked, with a rationale: {link}";
        var html = $"<p>{System.Net.WebUtility.HtmlEncode(text)}</p>";
        foreach (var recipient in new[] { "officer", "supervisor" })
        {
            Outbox.Enqueue(db, $"linkage:{earlier.Id}:{later.Id}:{recipient}", earlier.Id, "linkage", recipient, earlier.Team,
                subject, text, html, now, recipient == "officer" ? earlier.OfficerId : null);
        }
    }

    /// <summary>The same base as escalation emails (App:BaseUrl, which the compose file sets), so no link points at a developer's loopback.</summary>
    public static string PublicUrl(IConfiguration configuration) =>
        (configuration["App:PublicUrl"] ?? Escalation.EscalationSweep.BaseUrl(configuration)).TrimEnd('/');

    public static LinkageSubject SubjectOf(Case c, IReadOnlyList<LinkageIdentifier> identifiers) =>
        new(c.Reference, c.FoundAt, c.Latitude, c.Longitude, c.SubstanceFamilies, c.DeceasedSex, c.DeceasedAgeYears, c.Markers, identifiers);
}
