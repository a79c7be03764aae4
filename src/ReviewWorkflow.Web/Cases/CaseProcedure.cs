using Npgsql;
using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Linkage;
using ReviewWorkflow.Web.Audit;
using ReviewWorkflow.Web.Casework;
using ReviewWorkflow.Web.FamilyInformation;
using ReviewWorkflow.Web.Linkage;
using ReviewWorkflow.Web.Steps;
using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Web.Cases;

public abstract record CaseOutcome;

public sealed record CaseDone(CaseContext Context, CaseEvaluation Evaluation) : CaseOutcome;

public sealed record CaseNotFound : CaseOutcome;

public sealed record CaseRefused(Refused Refusal) : CaseOutcome
{
    /// <summary>Bad input: the field errors keyed by the request's JSON path, and the same as sentences.</summary>
    public static CaseRefused Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(new Refused(RefusalKind.Invalid, [.. errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))], errors));

    public static CaseRefused Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static CaseRefused Because(RefusalKind kind, string reason) => new(Refused.Because(kind, reason));

    /// <summary>A rationale or note longer than the schema keeps, refused alike by every front door; null when within the limit.</summary>
    public static CaseRefused? TooLong(string field, string? text) =>
        text is { Length: > CaseLimits.Rationale } ? Invalid(field, $"at most {CaseLimits.Rationale} characters") : null;
}

/// <summary>A case read (not to be changed) and the engine's evaluation of it, taken once.</summary>
public sealed record CaseRead(CaseContext Context, CaseEvaluation Evaluation);

/// <summary>
/// Every change to a case takes one path: <see cref="LoadAsync"/> (the case, tracked, if the caller
/// may see it), a decision (the engine's, or a feature's), <see cref="SaveAsync"/> (record it, refresh
/// the step table, audit — one transaction, and a conflict if anyone else changed the case meanwhile:
/// every save writes the case row, whose xmin is the concurrency token).
/// </summary>
public sealed class CaseProcedure(ReviewDb db, WorkflowRegistry workflows, AuditTrail audit, LinkageCheck linkage, TimeProvider clock)
{
    /// <summary>
    /// The case row (with its persons, and its steps or its activities) and what is read with it in
    /// the same round trip: the counts its facts need, the officer's name, and whether anyone but the
    /// officer holds some of its work (a reassigned step, or the officer's handover in force).
    /// </summary>
    private sealed record CaseRow(Case Case, int Undecided, int Linked, int OpenFamilyItems, int OpenDirections, string? OfficerName,
        bool Reassigned, bool OfficerCovered, List<CaseActivity>? Activities);

    /// <summary>Now, as PostgreSQL will store it.</summary>
    public DateTimeOffset Now() => AuditHash.ToStoredPrecision(clock.GetUtcNow());

    /// <summary>
    /// The case, tracked, with everything the engine needs to decide a command about it; null when it
    /// is missing or another team's (its existence is itself information, so both read as missing).
    /// </summary>
    public async Task<CaseContext?> LoadAsync(Guid id, CurrentUser user, CancellationToken ct = default)
    {
        // Every command comes this way, so it keeps its own query on `id = $1` (the batch query's
        // `= ANY($1)` cost PostgreSQL a millisecond more per command in the throughput benchmark).
        await OpenAsync(ct);
        var now = Now();
        var row = await ToChangeOne(db, id, now);
        if (row is null || !user.CanSee(row.Case.Team)) return null;
        var activities = new List<CaseActivity>();
        await foreach (var a in ActivitiesOfOne(db, id).WithCancellation(ct)) activities.Add(a);
        return await ContextAsync(row, activities, now, ct);
    }

    /// <summary>
    /// As <see cref="LoadAsync"/> for many cases in two round trips (a migration moves thousands, a batch at a time): the
    /// cases the user may see, in no particular order.
    /// </summary>
    public async Task<List<CaseContext>> LoadManyAsync(Guid[] ids, CurrentUser user, CancellationToken ct = default)
    {
        await OpenAsync(ct);
        var now = Now();
        var rows = new List<CaseRow>(ids.Length);
        await foreach (var row in ToChange(db, ids, now).WithCancellation(ct))
            if (user.CanSee(row.Case.Team)) rows.Add(row);
        if (rows.Count == 0) return [];
        var activities = new Dictionary<Guid, List<CaseActivity>>();
        await foreach (var a in ActivitiesOf(db, ids).WithCancellation(ct))
            (activities.TryGetValue(a.CaseId, out var list) ? list : activities[a.CaseId] = []).Add(a);
        var contexts = new List<CaseContext>(rows.Count);
        foreach (var row in rows) contexts.Add(await ContextAsync(row, activities.GetValueOrDefault(row.Case.Id) ?? [], now, ct));
        return contexts;
    }

    /// <summary>
    /// The case for reading only (a GET, the case page): nothing is tracked, so EF keeps no snapshots
    /// and fixes up no graph for rows never saved. The step rows are not read but rebuilt from the
    /// activities, as every save leaves them (StepTable), so the case comes in one round trip.
    /// </summary>
    public async Task<CaseRead?> ReadAsync(Guid id, CurrentUser user, CancellationToken ct = default)
    {
        await OpenAsync(ct);
        var now = Now();
        var row = await ToRead(db, id, now);
        if (row is null || !user.CanSee(row.Case.Team)) return null;
        var context = await ContextAsync(row, row.Activities!, now, ct);
        // The rebuilt rows follow the case officer unless a supervisor gave the step to someone else.
        foreach (var (key, to) in context.Holders.StepAssignments) context.Case.Steps.Add(new CaseStep { CaseId = id, Key = key, AssignedTo = to });
        var evaluation = context.Evaluate();
        StepTable.Refresh(context.Case, evaluation, context.Activities);
        return new CaseRead(context, evaluation);
    }

    // One connection for the request's queries (EF closes it with the context): left to itself EF
    // takes a pooled connection per query, and each return to the pool costs a session reset.
    private Task OpenAsync(CancellationToken ct) => db.Database.OpenConnectionAsync(ct);

    // Compiled once, as every case request runs one of them: EF skips its per-call work on the
    // expression tree. One query for the case, its persons and either its 13-odd step rows (to be
    // updated by the change) or its activities (a read) — their product is a few dozen rows, and a
    // split query's extra round trips cost more CPU than the repeated columns.
    private static readonly Func<ReviewDb, Guid[], DateTimeOffset, IAsyncEnumerable<CaseRow>> ToChange = EF.CompileAsyncQuery((ReviewDb db, Guid[] ids, DateTimeOffset now) =>
        db.Cases.AsTracking().Include(x => x.Steps).Include(x => x.Persons).AsSingleQuery()
            .Where(x => ids.Contains(x.Id))
            .Select(x => new CaseRow(x,
                db.LinkageCandidates.Count(l => l.CaseId == x.Id && l.Decision == null),
                db.LinkageCandidates.Count(l => l.CaseId == x.Id && l.Decision == LinkageDisposition.Linked),
                db.FamilyInformationItems.Count(i => i.CaseId == x.Id && i.State == FamilyItemState.Open),
                db.CaseNotes.Count(n => n.CaseId == x.Id && n.Kind == NoteKind.Direction && !db.DirectionResponses.Any(r => r.NoteId == n.Id)),
                db.Users.Where(u => u.Id == x.OfficerId).Select(u => u.DisplayName).FirstOrDefault(),
                db.CaseSteps.Any(s => s.CaseId == x.Id && s.AssignedTo != null),
                db.Handovers.Any(h => h.FromId == x.OfficerId && h.ApprovedAt != null && h.StartsAt <= now && now < h.EndsAt),
                null)));

    private static readonly Func<ReviewDb, Guid, DateTimeOffset, Task<CaseRow?>> ToChangeOne = EF.CompileAsyncQuery((ReviewDb db, Guid id, DateTimeOffset now) =>
        db.Cases.AsTracking().Include(x => x.Steps).Include(x => x.Persons).AsSingleQuery()
            .Where(x => x.Id == id)
            .Select(x => new CaseRow(x,
                db.LinkageCandidates.Count(l => l.CaseId == x.Id && l.Decision == null),
                db.LinkageCandidates.Count(l => l.CaseId == x.Id && l.Decision == LinkageDisposition.Linked),
                db.FamilyInformationItems.Count(i => i.CaseId == x.Id && i.State == FamilyItemState.Open),
                db.CaseNotes.Count(n => n.CaseId == x.Id && n.Kind == NoteKind.Direction && !db.DirectionResponses.Any(r => r.NoteId == n.Id)),
                db.Users.Where(u => u.Id == x.OfficerId).Select(u => u.DisplayName).FirstOrDefault(),
                db.CaseSteps.Any(s => s.CaseId == x.Id && s.AssignedTo != null),
                db.Handovers.Any(h => h.FromId == x.OfficerId && h.ApprovedAt != null && h.StartsAt <= now && now < h.EndsAt),
                null))
            .FirstOrDefault());

    private static readonly Func<ReviewDb, Guid, IAsyncEnumerable<CaseActivity>> ActivitiesOfOne = EF.CompileAsyncQuery<ReviewDb, Guid, CaseActivity>((db, id) =>
        db.CaseActivities.AsNoTracking().Where(a => a.CaseId == id).OrderBy(a => a.Id));

    private static readonly Func<ReviewDb, Guid, DateTimeOffset, Task<CaseRow?>> ToRead = EF.CompileAsyncQuery((ReviewDb db, Guid id, DateTimeOffset now) =>
        db.Cases.AsNoTracking().Include(x => x.Persons).AsSingleQuery()
            .Where(x => x.Id == id)
            .Select(x => new CaseRow(x,
                db.LinkageCandidates.Count(l => l.CaseId == x.Id && l.Decision == null),
                db.LinkageCandidates.Count(l => l.CaseId == x.Id && l.Decision == LinkageDisposition.Linked),
                db.FamilyInformationItems.Count(i => i.CaseId == x.Id && i.State == FamilyItemState.Open),
                db.CaseNotes.Count(n => n.CaseId == x.Id && n.Kind == NoteKind.Direction && !db.DirectionResponses.Any(r => r.NoteId == n.Id)),
                db.Users.Where(u => u.Id == x.OfficerId).Select(u => u.DisplayName).FirstOrDefault(),
                db.CaseSteps.Any(s => s.CaseId == x.Id && s.AssignedTo != null),
                db.Handovers.Any(h => h.FromId == x.OfficerId && h.ApprovedAt != null && h.StartsAt <= now && now < h.EndsAt),
                db.CaseActivities.Where(a => a.CaseId == x.Id).OrderBy(a => a.Id).ToList()))
            .FirstOrDefault());

    private static readonly Func<ReviewDb, Guid[], IAsyncEnumerable<CaseActivity>> ActivitiesOf = EF.CompileAsyncQuery<ReviewDb, Guid[], CaseActivity>((db, ids) =>
        db.CaseActivities.AsNoTracking().Where(a => ids.Contains(a.CaseId)).OrderBy(a => a.Id));

    private async Task<CaseContext> ContextAsync(CaseRow row, List<CaseActivity> activities, DateTimeOffset now, CancellationToken ct)
    {
        var c = row.Case;
        var facts = await CaseFactsQuery.FromCountsAsync(db, c, row.Undecided, row.Linked, row.OpenFamilyItems, row.OpenDirections, ct);
        // Nearly every case's work is all its officer's: the holders are read only when not.
        var holders = row.Reassigned || row.OfficerCovered ? await WorkHolders.ReadAsync(db, c.Id, [c.OfficerId], now, ct) : WorkHolders.None;
        return new CaseContext(c, workflows.Get(c.WorkflowKey, c.WorkflowVersion), activities, CaseFactsQuery.ToState(c, activities, facts))
        {
            OfficerName = row.OfficerName ?? c.OfficerId,
            Holders = holders,
        };
    }

    /// <summary>
    /// An engine command, decided at one moment: refused, or its events applied to the case and saved.
    /// <paramref name="factsLearnt"/>, once accepted, given the command's activities: facts its answers add to
    /// the case (a <c>FactsAdded</c> activity, or null); the linkage check then runs again, as for facts patched in.
    /// </summary>
    public async Task<CaseOutcome> DecideAsync(CaseContext context, CurrentUser user, string action,
        Func<DateTimeOffset, CommandOutcome> decide, CancellationToken ct,
        Func<DateTimeOffset, IReadOnlyList<StepActivity>, StepActivity?>? factsLearnt = null)
    {
        var now = Now();
        var decided = decide(now);
        if (decided is Refused refused) return new CaseRefused(refused);
        var events = ((Accepted)decided).Events;
        foreach (var e in events) context.Case.Apply(e, now);
        List<StepActivity> activities = [.. events.SelectMany(e => e.ToActivities())];
        var learnt = factsLearnt?.Invoke(now, activities);
        if (learnt is not null) activities.Add(learnt);
        var audit = learnt is null
            ? (object)new { events = events.Select(Describe).ToList() }
            : new { events = events.Select(Describe).ToList(), substancesAdded = ((ListValue)learnt.Fields[FactsAdded.Substances]).Items };
        return await SaveAsync(context, user, action, audit, activities, now, ct,
            recheckLinkage: learnt is not null, engineCommand: true);
    }

    /// <summary>
    /// Saves what was decided about a loaded case: the activities, whatever the decision changed on
    /// tracked rows, the step table as the engine now sees the case, and the audit event.
    /// <paramref name="recheckLinkage"/>: the case's facts changed, so it is compared again with every
    /// recorded death (F8) inside this transaction, before it is evaluated, since what is found gates it.
    /// <paramref name="engineCommand"/>: an engine command, whose work may take a closed case off the review list.
    /// </summary>
    public async Task<CaseOutcome> SaveAsync(CaseContext context, CurrentUser user, string action, object auditData,
        IReadOnlyList<StepActivity> activities, DateTimeOffset now, CancellationToken ct, bool recheckLinkage = false, bool engineCommand = false)
    {
        try
        {
            // Inside a caller's transaction (a change that must carry others with it) the caller commits, or rolls back on a refusal.
            await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            var (done, found) = await DetectingChangesOnceAsync(() => ApplyAsync(context, user, activities, now, recheckLinkage, engineCommand, ct));
            await db.SaveChangesAsync(ct);
            await audit.AppendSavedAsync(user, context.Case.Id, action, auditData, ct);
            if (found is not null) await linkage.RecordAsync(found, user, now, ct);
            if (tx is not null) await tx.CommitAsync(ct);
            return done;
        }
        catch (Exception ex) when (IsLostRace(ex))
        {
            return CaseRefused.Because(RefusalKind.Conflict, "The case was changed by someone else at the same time; reload it and try again.");
        }
    }

    /// <summary>One case's change for <see cref="SaveManyAsync"/>.</summary>
    public sealed record Change(CaseContext Context, string Action, object AuditData, IReadOnlyList<StepActivity> Activities);

    /// <summary>
    /// As <see cref="SaveAsync"/> for many cases changed by one user (a migration moves thousands): one transaction, one
    /// round of writes and one turn of the audit chain's lock for all, still one audit event per case. Null when any
    /// case lost a race: nothing is saved, and the caller saves the cases one by one to learn which.
    /// </summary>
    public async Task<IReadOnlyList<CaseDone>?> SaveManyAsync(IReadOnlyList<Change> changes, CurrentUser user, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var done = new List<CaseDone>(changes.Count);
            var found = new List<LinkageRun>();
            await DetectingChangesOnceAsync(async () =>
            {
                foreach (var change in changes)
                {
                    var (d, f) = await ApplyAsync(change.Context, user, change.Activities, now, recheckLinkage: false, engineCommand: false, ct);
                    done.Add(d);
                    if (f is not null) found.Add(f);
                }
                return done;
            });
            await db.SaveChangesAsync(ct);
            await audit.AppendManyAsync(user, changes.Select(c => ((Guid?)c.Context.Case.Id, c.Action, c.AuditData)).ToList(), ct);
            foreach (var f in found) await linkage.RecordAsync(f, user, now, ct);
            await tx.CommitAsync(ct);
            return done;
        }
        catch (Exception ex) when (IsLostRace(ex))
        {
            return null;
        }
    }

    /// <summary>
    /// A change applied to the tracked rows with their changes found once, by the save that follows. A change asks the
    /// tracker what it holds (a candidate found, an item logged) several times, and with changes detected automatically
    /// each question first scans every tracked row: a tenth of a step completion's time, and quadratic in a migration's
    /// batch (10,000 cases: 152 s). No answer depends on the scan: what a change adds goes through its set and is tracked
    /// at once, but for new step rows, which only the save needs.
    /// </summary>
    private async Task<T> DetectingChangesOnceAsync<T>(Func<Task<T>> change)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await change();
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }

    /// <summary>The change applied to the tracked rows, inside the caller's transaction; the caller saves and audits it.</summary>
    private async Task<(CaseDone Done, LinkageRun? Found)> ApplyAsync(CaseContext context, CurrentUser user, IReadOnlyList<StepActivity> activities,
        DateTimeOffset now, bool recheckLinkage, bool engineCommand, CancellationToken ct)
    {
        var c = context.Case;
        var added = activities.Select(a => new CaseActivity
        {
            CaseId = c.Id, StepKey = a.StepKey, Kind = a.Kind, ActorId = a.ActorId, ActorName = user.DisplayName, At = a.At,
            FieldsJson = FieldCodec.ToJson(a.Fields), Note = a.Note,
        }).ToList();
        db.CaseActivities.AddRange(added);
        var found = recheckLinkage ? await linkage.RunAsync(c, context.Definition, [.. context.Activities, .. added], now, ct)
            : await linkage.WhenIdentifiersChangeAsync(context, added, now, ct);
        // A later death matching a closed case puts it back on the review list until decided.
        if (found is not null && await CaseReview.ReasonsRemainAsync(db, c, ct)) c.MarkForReview();
        // The facts counted with the case still hold unless this change touched what they count (a
        // disposition, a register item, candidates found); anyone else's change to them touches the
        // case row, and this save is then a conflict. The case's own columns are taken as they are now.
        var facts = db.ChangeTracker.Entries<LinkageCandidate>().Any() || db.ChangeTracker.Entries<FamilyInformationItem>().Any()
                    || db.ChangeTracker.Entries<CaseNote>().Any() || db.ChangeTracker.Entries<DirectionResponse>().Any()
            ? await CaseFactsQuery.ForAsync(db, c, ct)
            : CaseFactsQuery.WithCase(context.State.Facts, c);
        List<CaseActivity> all = [.. context.Activities, .. added];
        // The answers already parsed for the decision are reused; only a context whose state was built apart from its rows is read again.
        var state = context.State.Activities.Count == context.Activities.Count
            ? CaseFactsQuery.After(context.State, c, activities, facts)
            : CaseFactsQuery.ToState(c, all, facts);
        var updated = context with { Activities = all, State = state };
        var evaluation = updated.Evaluate();
        StepTable.Refresh(c, evaluation, all, now);
        await CaseReview.AfterChangeAsync(db, c, evaluation, engineCommand, ct);
        c.UpdatedAt = now;
        // Always write the case row, even when updated_at is unchanged (two commands within one
        // microsecond, or a stopped clock): EF skips an unchanged row, and with it the xmin check
        // that makes the second of two racing commands a conflict.
        db.Entry(c).Property(x => x.UpdatedAt).IsModified = true;
        return (new CaseDone(updated, evaluation), found);
    }

    // Rows keyed by what a change read with the case: of two changes that read the same case, the
    // second can fail on one of these keys before it reaches the case row's xmin check, and has lost
    // the same race. Any other unique violation is a bug, not a conflict.
    private static readonly HashSet<string> RaceKeys =
    [
        "pk_case_steps", "ix_family_information_items_case_id_number", "ix_linkage_candidates_case_id_candidate_case_id", "ix_outbox_messages_message_id",
        "ix_case_notes_case_id_number", "ix_direction_responses_note_id",
        "ix_case_documents_supersedes_id", "ix_exhibits_case_id_reference",
    ];

    private static bool IsLostRace(Exception ex) => ex is DbUpdateConcurrencyException
        || (ex as PostgresException ?? ex.InnerException as PostgresException) is { } pg
            && (pg.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
                || pg.SqlState == PostgresErrorCodes.UniqueViolation && pg.ConstraintName is { } key && RaceKeys.Contains(key));

    private static object Describe(CaseEvent e) => e switch
    {
        StepCompleted s => new { type = "step-completed", step = s.StepKey, fields = System.Text.Json.JsonElement.Parse(FieldCodec.ToJson(s.Fields)), note = s.Note },
        StepsReturned r => new { type = "steps-returned", signOff = r.SignOffStepKey, steps = r.Steps, reason = r.Reason },
        CaseClassified k => new { type = "classified", before = k.From, after = k.To, rationale = k.Rationale },
        CaseClosed x => new { type = "closed", rationale = x.Rationale },
        StepContributed s => new { type = "step-contributed", step = s.StepKey, fields = System.Text.Json.JsonElement.Parse(FieldCodec.ToJson(s.Fields)), note = s.Note },
        CaseOwnerChanged o => new { type = "owner-changed", owner = o.Owner },
        ReferralRequested q => new { type = "referral-requested", rationale = q.Rationale },
        StepPauseChanged p => new { type = p.Kind.ToString(), step = p.StepKey, fields = System.Text.Json.JsonElement.Parse(FieldCodec.ToJson(p.Fields)), note = p.Note },
        _ => new { type = e.GetType().Name },
    };
}
