using System.Text.Json;
using Npgsql;
using ReviewWorkflow.Engine.Linkage;
using ReviewWorkflow.Web.Audit;
using ReviewWorkflow.Web.FamilyInformation;
using ReviewWorkflow.Web.Steps;
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

    // The first half of the two-part keys of the per-value locks (a key space apart from the one-part keys).
    private const int ValueLocks = 0x4C4B; // "LK"

    /// <summary>
    /// Before the case is evaluated: refreshes its families and identifiers, searches, scores and
    /// stores the candidates on this case (tracked; saved with the case).
    /// </summary>
    /// <param name="activities">All the case's activities, the change's own included (a new case has none).</param>
    public async Task<LinkageRun> RunAsync(Case c, WorkflowDefinition definition, IReadOnlyList<CaseActivity> activities, DateTimeOffset now,
        CancellationToken ct = default) =>
        await RunAsync(c, definition, await IdentifiersAsync(c, definition, activities, ct), now, ct);

    /// <summary>
    /// For every save of a case (<see cref="CaseProcedure.SaveAsync"/>): when the change may add person
    /// identifiers (a family item logged, a step answered with a person who can be matched) and the
    /// case's identifiers did change, the check runs again in both directions inside the change's transaction, under the
    /// same lock as a new death. Any other change returns at once (no query, no lock: completions are
    /// the hot path), and so does one that added no identifier (the same item logged twice).
    /// </summary>
    public async Task<LinkageRun?> WhenIdentifiersChangeAsync(CaseContext context, IReadOnlyList<CaseActivity> added, DateTimeOffset now, CancellationToken ct)
    {
        var c = context.Case;
        // Answers only add identifiers (earlier answers keep theirs), so answers naming nobody change nothing.
        var answered = PersonIdentifiers.Identify(added, context.Definition);
        if (!answered && !db.ChangeTracker.Entries<FamilyInformationItem>().Any(e => e.State == EntityState.Added && e.Entity.CaseId == c.Id))
            return null;
        var identifiers = await IdentifiersAsync(c, context.Definition, [.. context.Activities, .. added], ct);
        var had = new List<LinkageIdentifier>();
        await foreach (var i in StoredIdentifiersOf(db, c.Id).WithCancellation(ct)) had.Add(i);
        if (had.ToHashSet().SetEquals(identifiers)) return null;
        return await RunAsync(c, context.Definition, identifiers, now, ct, had);
    }

    /// <summary>
    /// Every identifier of the case as it stands in this change: its family items as stored plus those being added (not
    /// yet saved), and the answers among <paramref name="activities"/> — the command loaded them with the case, and
    /// anyone changing them meanwhile makes its save a conflict. A new case has neither.
    /// </summary>
    private async Task<List<LinkageIdentifier>> IdentifiersAsync(Case c, WorkflowDefinition definition, IReadOnlyList<CaseActivity> activities,
        CancellationToken ct)
    {
        if (db.Entry(c).State == EntityState.Added) return PersonIdentifiers.For(c, [], [], definition);
        var items = new List<FamilyInformationItem>();
        await foreach (var item in ItemsOf(db, c.Id).WithCancellation(ct)) items.Add(item);
        items.AddRange(db.ChangeTracker.Entries<FamilyInformationItem>().Where(e => e.State == EntityState.Added && e.Entity.CaseId == c.Id).Select(e => e.Entity));
        string[] personSteps = [.. definition.Steps.Where(PersonIdentifiers.HasPersonFields).Select(s => s.Key)];
        List<CaseActivity> answers = [.. activities.Where(a => personSteps.Contains(a.StepKey) && (a.Kind is ActivityKind.Completed or ActivityKind.Contributed))];
        return PersonIdentifiers.For(c, items, answers, definition);
    }

    // Compiled: a quarter of all completions (those answering with a person) read both.
    private static readonly Func<ReviewDb, Guid, IAsyncEnumerable<FamilyInformationItem>> ItemsOf = EF.CompileAsyncQuery((ReviewDb db, Guid id) =>
        db.FamilyInformationItems.AsNoTracking().Where(i => i.CaseId == id));

    private static readonly Func<ReviewDb, Guid, IAsyncEnumerable<LinkageIdentifier>> StoredIdentifiersOf = EF.CompileAsyncQuery((ReviewDb db, Guid id) =>
        db.PersonIdentifiers.AsNoTracking().Where(i => i.CaseId == id).Select(i => new LinkageIdentifier(i.Kind, i.Value, i.Role, i.PersonKey, i.Label)));

    /// <param name="had">
    /// Only persons changed, and these were the case's identifiers before: place, time, drugs and
    /// profile score every other death as before, so only deaths sharing an identifier can have
    /// become (or changed as) candidates, and only they are searched for.
    /// </param>
    private async Task<LinkageRun> RunAsync(Case c, WorkflowDefinition definition, List<LinkageIdentifier> identifiers, DateTimeOffset now,
        CancellationToken ct, List<LinkageIdentifier>? had = null)
    {
        c.SubstanceFamilies = [.. SubstanceCatalog.Read(c.Substances).Families];
        var subject = SubjectOf(c, identifiers);
        var settings = definition.StepOfKind(StepKind.Linkage)?.Linkage;
        var plan = settings is null ? null : LinkageSearchPlan.For(settings, subject);
        if (had is not null && plan is not null) plan = plan with { PlaceBoxes = [], RareFamilies = [] };
        // The locks and the search in one round trip (a workflow without a linkage step only locks).
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var locks = Locks(identifiers, had, plan);
        var found = plan is null ? await LockOnlyAsync(connection, locks, ct) : await LinkageSearch.FindAsync(connection, c.Id, subject, plan, ct, first: locks);
        await StoreAsync(c, identifiers, had, ct);
        if (settings is null || plan is null) return LinkageRun.None(c, subject);
        var matches = found
            .Select(f => new LinkageMatch(f, LinkageScorer.Score(settings, subject, f.Facts)))
            .Where(m => m.Score.Reaches(settings.Threshold))
            .ToList();
        if (matches.Count == 0) return new LinkageRun(c, subject, settings, matches);

        var existing = await db.LinkageCandidates.Where(x => x.CaseId == c.Id).ToDictionaryAsync(x => x.CandidateCaseId, ct);
        foreach (var m in matches) Upsert(existing.GetValueOrDefault(m.Other.Id), c.Id, m.Other.Id, m.Score, now);
        return new LinkageRun(c, subject, settings, matches);
    }

    /// <summary>
    /// Replaces the case's stored identifiers. A new case has none, and a re-check over identifiers
    /// knows what the case had and mostly only adds (an answer, an item): then only the new ones are
    /// written, and nothing is deleted unless something went.
    /// </summary>
    private async Task StoreAsync(Case c, List<LinkageIdentifier> identifiers, List<LinkageIdentifier>? had, CancellationToken ct)
    {
        var known = db.Entry(c).State == EntityState.Added ? [] : had;
        if (known is null || known.Except(identifiers).Any())
        {
            await db.PersonIdentifiers.Where(i => i.CaseId == c.Id).ExecuteDeleteAsync(ct);
            known = [];
        }
        db.PersonIdentifiers.AddRange(identifiers.Distinct().Except(known).Select(i => new PersonIdentifier
        {
            CaseId = c.Id, Kind = i.Kind, Value = i.Value, Role = i.Role, PersonKey = i.Person, Label = i.Label,
        }));
    }

    /// <summary>
    /// Two deaths recorded at the same moment would each miss the other (neither is committed when
    /// the other searches), so runs that could find each other take turns, across app instances,
    /// until commit. A run over a death's facts can find any death: it runs alone. A run over
    /// identifiers only (a step answered, an item logged: most of the day's changes) can find only
    /// deaths sharing one of its values, so it shares the run lock with its like and waits only for
    /// runs over the same values: it locks each value it holds, had or looks up (by hash: a collision
    /// only makes two runs take turns). Values are locked in order, so two runs cannot deadlock.
    /// </summary>
    private static List<NpgsqlBatchCommand> Locks(List<LinkageIdentifier> identifiers, List<LinkageIdentifier>? had, LinkageSearchPlan? plan)
    {
        if (had is null) return [Command("SELECT pg_advisory_xact_lock($1)", RunLock)];
        string[] values = [.. identifiers.Concat(had).Select(i => i.Value).Concat(plan?.Lookups.Select(l => l.Value) ?? []).Distinct()];
        return
        [
            Command("SELECT pg_advisory_xact_lock_shared($1)", RunLock),
            Command("SELECT pg_advisory_xact_lock($1, h) FROM (SELECT DISTINCT hashtext(v) AS h FROM unnest($2) v ORDER BY h) ordered", ValueLocks, values),
        ];

        static NpgsqlBatchCommand Command(string sql, params object[] values)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
            return command;
        }
    }

    private static async Task<IReadOnlyList<FoundDeath>> LockOnlyAsync(NpgsqlConnection connection, List<NpgsqlBatchCommand> locks, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var command in locks) batch.BatchCommands.Add(command);
        await batch.ExecuteNonQueryAsync(ct);
        return [];
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
        var subject = $"{earlier.Facts.Reference}: new linkage candidate {later.Reference}";
        // "Later" in what was recorded: a late family item can make an older death match this one.
        var text = $"A death recorded or added to since ({later.Reference}) matches case {earlier.Facts.Reference}"
            + (earlier.Closed ? ", which is closed and is back on the review list" : "")
            + $". Decide the candidate, linked or not linked, with a rationale: {PageUrl(configuration, earlier.Id)}";
        var html = $"<p>{System.Net.WebUtility.HtmlEncode(text)}</p>";
        foreach (var recipient in new[] { "officer", "supervisor" })
        {
            Outbox.Enqueue(db, $"linkage:{earlier.Id}:{later.Id}:{recipient}", earlier.Id, "linkage", recipient, earlier.Team,
                subject, text, html, now, recipient == "officer" ? earlier.OfficerId : null);
        }
        if (earlier.Team == later.Team) return;
        // Across teams each side must know the other is looking: the later case's supervisor is told too.
        var across = $"{later.Reference}: linkage candidate {earlier.Facts.Reference} of team {earlier.Team}";
        var acrossText = $"Case {later.Reference} matches {earlier.Facts.Reference}, a case of team {earlier.Team}. "
            + $"The facts that matched and whom to contact are on the linkage page: {PageUrl(configuration, later.Id)}";
        Outbox.Enqueue(db, $"linkage:{later.Id}:{earlier.Id}:supervisor", later.Id, "linkage", "supervisor", later.Team,
            across, acrossText, $"<p>{System.Net.WebUtility.HtmlEncode(acrossText)}</p>", now);
    }

    /// <summary>The case's linkage page, where candidates are read and decided (an email's reader is a person, not a client of the API).</summary>
    public static string PageUrl(IConfiguration configuration, Guid caseId) => $"{PublicUrl(configuration)}/cases/{caseId}/linkage";

    /// <summary>The same base as escalation emails (App:BaseUrl, which the compose file sets), so no link points at a developer's loopback.</summary>
    public static string PublicUrl(IConfiguration configuration) =>
        (configuration["App:PublicUrl"] ?? Escalation.EscalationSweep.BaseUrl(configuration)).TrimEnd('/');

    public static LinkageSubject SubjectOf(Case c, IReadOnlyList<LinkageIdentifier> identifiers) =>
        new(c.Reference, c.FoundAt, c.Latitude, c.Longitude, c.SubstanceFamilies, c.DeceasedSex, c.DeceasedAgeYears, c.Markers, identifiers);
}
