using Microsoft.EntityFrameworkCore;
using Npgsql;
using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Evaluation;
using ReviewWorkflow.Engine.Linkage;
using ReviewWorkflow.Web.Accounts;
using ReviewWorkflow.Web.Audit;
using ReviewWorkflow.Web.Data;
using ReviewWorkflow.Web.FamilyInformation;
using ReviewWorkflow.Web.Steps;
using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Web.Cases;

public abstract record CaseOutcome;

public sealed record CaseDone(CaseContext Context, CaseEvaluation Evaluation) : CaseOutcome;

public sealed record CaseNotFound : CaseOutcome;

/// <summary>A case read (not to be changed) and the engine's evaluation of it, taken once.</summary>
public sealed record CaseRead(CaseContext Context, CaseEvaluation Evaluation);

public sealed record CaseRefused(Refused Refusal) : CaseOutcome;

/// <summary>
/// Work that must commit with a change (the linkage check on new facts): runs inside the change's
/// transaction before the case is evaluated; what it returns runs after the case's audit event.
/// </summary>
public delegate Task<Func<CancellationToken, Task>?> WithinTransaction(CaseContext context, DateTimeOffset now, CancellationToken ct);

/// <summary>
/// Runs a command of the engine against a stored case: load, decide, record the events, refresh
/// the step table, audit — all in one transaction, and as a conflict if anyone else changed the
/// case in the meantime (every command touches the case row, whose xmin is the concurrency token).
/// </summary>
public sealed class CaseProcedure(ReviewDb db, WorkflowRegistry workflows, AuditTrail audit, TimeProvider clock)
{
    /// <summary>
    /// The case row (with its steps and persons) and what is read with it in the same round trip;
    /// a read takes the activities there too, instead of the steps.
    /// </summary>
    private sealed record CaseRow(Case Case, int Undecided, int Linked, int OpenFamilyItems, string? OfficerName, List<CaseActivity>? Activities);

    // The row the visibility filter read for this request, handed to the command's LoadAsync (once).
    private CaseRow? found;

    /// <summary>
    /// For the visibility filter: the route's case if the caller may see it. The case is read tracked,
    /// with everything a command loads with it, and kept for the handler's <see cref="LoadAsync"/>,
    /// so a command reads its case once, not once to check and again to change it.
    /// </summary>
    public async Task<VisibleCase?> FindAsync(Guid id, CurrentUser user, CancellationToken ct = default)
    {
        var row = await QueryRowAsync(id, tracked: true, ct);
        if (row is null || !user.CanSee(row.Case.Team)) return null;
        found = row;
        var c = row.Case;
        return new VisibleCase(c.Id, c.Team, c.WorkflowKey, c.WorkflowVersion, row.OfficerName ?? c.OfficerId);
    }

    /// <summary>The case, tracked, with everything the engine needs to decide a command about it.</summary>
    public async Task<CaseContext?> LoadAsync(Guid id, CurrentUser user, CancellationToken ct = default)
    {
        var row = found is { } f && f.Case.Id == id ? f : await QueryRowAsync(id, tracked: true, ct);
        found = null; // a second load in the same request (a retry) reads afresh
        return await ContextAsync(row, user, ct);
    }

    /// <summary>
    /// The case as <see cref="LoadAsync"/> gives it, for reading only (a GET, the case page):
    /// nothing is tracked, so EF keeps no snapshots and fixes up no graph for rows never saved.
    /// The step rows are not read but rebuilt from the activities, as every command leaves them
    /// (StepTable): what a reader sees of a step (assignee, who completed it and when) follows from
    /// the activities, and the case then comes in one round trip instead of two.
    /// </summary>
    public async Task<CaseRead?> ReadAsync(Guid id, CurrentUser user, CancellationToken ct = default)
    {
        var context = await ContextAsync(await QueryRowAsync(id, tracked: false, ct), user, ct);
        if (context is null) return null;
        var evaluation = context.Evaluate();
        StepTable.Refresh(context.Case, evaluation, context.Activities);
        return new CaseRead(context, evaluation);
    }

    private async Task<CaseRow?> QueryRowAsync(Guid id, bool tracked, CancellationToken ct)
    {
        // One connection for the request's queries (EF closes it with the context): left to itself
        // EF takes a pooled connection per query, and each return to the pool costs a session reset.
        await db.Database.OpenConnectionAsync(ct);
        // One query for the case, its persons and its 13-odd steps (a command) or its activities (a
        // read) — their product is a few dozen rows: a split query's extra round trips cost more CPU
        // than the repeated columns. The counts and the officer's name ride on it too.
        return await (tracked ? TrackedRow(db, id) : UntrackedRow(db, id));
    }

    // Compiled once: the queries every case request runs skip EF's per-call work on the expression
    // tree (parameter extraction, the query cache's lookup). A command's is tracked and brings the
    // step rows it will update; a read's is untracked and brings the activities instead.
    private static readonly Func<ReviewDb, Guid, Task<CaseRow?>> TrackedRow = EF.CompileAsyncQuery((ReviewDb db, Guid id) =>
        db.Cases.AsTracking().Include(x => x.Steps).Include(x => x.Persons).AsSingleQuery()
            .Where(x => x.Id == id)
            .Select(x => new CaseRow(x,
                db.LinkageCandidates.Count(l => l.CaseId == x.Id && l.Decision == null),
                db.LinkageCandidates.Count(l => l.CaseId == x.Id && l.Decision == LinkageDisposition.Linked),
                db.FamilyInformationItems.Count(i => i.CaseId == x.Id && i.State == FamilyItemState.Open),
                db.Users.Where(u => u.Id == x.OfficerId).Select(u => u.DisplayName).FirstOrDefault(),
                null))
            .FirstOrDefault());

    private static readonly Func<ReviewDb, Guid, Task<CaseRow?>> UntrackedRow = EF.CompileAsyncQuery((ReviewDb db, Guid id) =>
        db.Cases.AsNoTracking().Include(x => x.Persons).AsSingleQuery()
            .Where(x => x.Id == id)
            .Select(x => new CaseRow(x,
                db.LinkageCandidates.Count(l => l.CaseId == x.Id && l.Decision == null),
                db.LinkageCandidates.Count(l => l.CaseId == x.Id && l.Decision == LinkageDisposition.Linked),
                db.FamilyInformationItems.Count(i => i.CaseId == x.Id && i.State == FamilyItemState.Open),
                db.Users.Where(u => u.Id == x.OfficerId).Select(u => u.DisplayName).FirstOrDefault(),
                db.CaseActivities.Where(a => a.CaseId == x.Id).OrderBy(a => a.Id).ToList()))
            .FirstOrDefault());

    private static readonly Func<ReviewDb, Guid, IAsyncEnumerable<CaseActivity>> ActivitiesOf = EF.CompileAsyncQuery<ReviewDb, Guid, CaseActivity>((db, id) =>
        db.CaseActivities.AsNoTracking().Where(a => a.CaseId == id).OrderBy(a => a.Id));

    private async Task<CaseContext?> ContextAsync(CaseRow? row, CurrentUser user, CancellationToken ct)
    {
        // A case of another team is reported as missing, not forbidden: its existence is itself information.
        if (row is null || !user.CanSee(row.Case.Team)) return null;
        var c = row.Case;
        var activities = row.Activities;
        if (activities is null)
        {
            activities = [];
            await foreach (var a in ActivitiesOf(db, c.Id).WithCancellation(ct)) activities.Add(a);
        }
        // Counted in SQL with the case: nothing is pending yet. A command that changes candidates has them counted
        // again, pending changes included, before it is evaluated (SaveAsync).
        var facts = await CaseFactsQuery.FromCountsAsync(db, c, row.Undecided, row.Linked, row.OpenFamilyItems, ct);
        return new CaseContext(c, workflows.Get(c.WorkflowKey, c.WorkflowVersion), activities, CaseFactsQuery.ToState(c, activities, facts))
        {
            OfficerName = row.OfficerName ?? c.OfficerId,
        };
    }

    public async Task<CaseOutcome> RunAsync(Guid id, CurrentUser user, string action,
        Func<CaseContext, DateTimeOffset, CommandOutcome> decide, CancellationToken ct = default, WithinTransaction? within = null)
    {
        var context = await LoadAsync(id, user, ct);
        if (context is null) return new CaseNotFound();
        var now = AuditHash.ToStoredPrecision(clock.GetUtcNow()); // as PostgreSQL will store it
        switch (decide(context, now))
        {
            case Refused refused:
                return new CaseRefused(refused);
            case Accepted accepted:
                return await RecordAsync(context, user, action, accepted.Events, now, ct, within);
            default:
                throw new InvalidOperationException("The engine returned an unknown outcome.");
        }
    }

    /// <summary>
    /// Applies a change that is not an engine command (new facts, say) under the same rules:
    /// one transaction, the case row as the concurrency token, an audit event.
    /// </summary>
    public async Task<CaseOutcome> ChangeAsync(Guid id, CurrentUser user, string action,
        Func<CaseContext, DateTimeOffset, object> change, CancellationToken ct = default, WithinTransaction? within = null)
    {
        var context = await LoadAsync(id, user, ct);
        if (context is null) return new CaseNotFound();
        var now = AuditHash.ToStoredPrecision(clock.GetUtcNow()); // as PostgreSQL will store it
        var auditData = change(context, now);
        return await SaveAsync(context, user, action, auditData, [], now, ct, within);
    }

    /// <summary>
    /// A change that is not an engine command but may be refused (a closed register item, a stranger
    /// named as assignee) and may record work inside a step, which counts for four-eyes like any
    /// other. Refused: nothing tracked is saved.
    /// </summary>
    public async Task<CaseOutcome> ChangeAsync(Guid id, CurrentUser user, string action,
        Func<CaseContext, DateTimeOffset, Task<CaseChange>> change, CancellationToken ct = default, WithinTransaction? within = null)
    {
        var context = await LoadAsync(id, user, ct);
        if (context is null) return new CaseNotFound();
        var now = AuditHash.ToStoredPrecision(clock.GetUtcNow()); // as PostgreSQL will store it
        var decided = await change(context, now);
        if (decided.Refusal is { } refusal) return new CaseRefused(refusal);
        var added = decided.Activities.Select(a => NewActivity(context.Case.Id, a, user)).ToList();
        db.CaseActivities.AddRange(added);
        return await SaveAsync(context, user, action, decided.AuditData, added, now, ct, within);
    }

    private async Task<CaseOutcome> RecordAsync(CaseContext context, CurrentUser user, string action,
        IReadOnlyList<CaseEvent> events, DateTimeOffset now, CancellationToken ct, WithinTransaction? within = null)
    {
        var c = context.Case;
        var added = new List<CaseActivity>();
        foreach (var e in events)
        {
            added.AddRange(e.ToActivities().Select(a => NewActivity(c.Id, a, user)));
            switch (e)
            {
                case CaseClassified k:
                    c.Classification = k.To;
                    break;
                case CaseClosed:
                    c.Status = CaseStatus.Closed;
                    c.ClosedAt = now;
                    break;
                case CaseOwnerChanged o:
                    c.Owner = o.Owner;
                    break;
                case ReferralRequested:
                    c.ReferralRequested = true;
                    break;
            }
        }
        db.CaseActivities.AddRange(added);
        var auditData = new { events = events.Select(Describe).ToList() };
        return await SaveAsync(context, user, action, auditData, added, now, ct, within, factsChange: false);
    }

    private async Task<CaseOutcome> SaveAsync(CaseContext context, CurrentUser user, string action, object auditData,
        IReadOnlyList<CaseActivity> added, DateTimeOffset now, CancellationToken ct, WithinTransaction? within = null, bool factsChange = true)
    {
        var c = context.Case;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var after = within is null ? null : await within(context, now, ct);
            // An engine command changes no other feature's rows, so the facts it was decided on still hold
            // (anyone else's change to them touches the case row, and the save below is then a conflict);
            // only the case's own columns (a referral requested) are taken again — unless work within
            // the transaction (a linkage run on a person answer) changed candidates.
            var facts = factsChange || after is not null ? await CaseFactsQuery.ForAsync(db, c, ct) : CaseFactsQuery.WithCase(context.State.Facts, c);
            var updated = context with { Activities = [.. context.Activities, .. added], State = CaseFactsQuery.ToState(c, [.. context.Activities, .. added], facts) };
            var evaluation = updated.Evaluate();
            StepTable.Refresh(c, evaluation, updated.Activities, now);
            c.UpdatedAt = now;
            // Always write the case row, even when updated_at is unchanged (two commands within one
            // microsecond, or a stopped clock): EF skips an unchanged row, and with it the xmin check
            // that makes the second of two racing commands a conflict.
            db.Entry(c).Property(x => x.UpdatedAt).IsModified = true;
            await db.SaveChangesAsync(ct);
            await audit.AppendSavedAsync(user, c.Id, action, auditData, ct);
            if (after is not null) await after(ct);
            await tx.CommitAsync(ct);
            return new CaseDone(updated, evaluation);
        }
        catch (Exception ex) when (IsConflict(ex))
        {
            return new CaseRefused(Refused.Because(RefusalKind.Conflict, "The case was changed by someone else at the same time; reload it and try again."));
        }
    }

    public static bool IsConflict(Exception ex) => ex is DbUpdateConcurrencyException
        || ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.UniqueViolation }
        || ex is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected };

    private static CaseActivity NewActivity(Guid caseId, StepActivity a, CurrentUser user) =>
        new() { CaseId = caseId, StepKey = a.StepKey, Kind = a.Kind, ActorId = a.ActorId, ActorName = user.DisplayName, At = a.At, FieldsJson = FieldCodec.ToJson(a.Fields), Note = a.Note };

    private static object Describe(CaseEvent e) => e switch
    {
        StepCompleted s => new { type = "step-completed", step = s.StepKey, fields = System.Text.Json.JsonDocument.Parse(FieldCodec.ToJson(s.Fields)).RootElement, note = s.Note },
        StepsReturned r => new { type = "steps-returned", signOff = r.SignOffStepKey, steps = r.Steps, reason = r.Reason },
        CaseClassified k => new { type = "classified", before = k.From, after = k.To, rationale = k.Rationale },
        CaseClosed x => new { type = "closed", rationale = x.Rationale },
        StepContributed s => new { type = "step-contributed", step = s.StepKey, fields = System.Text.Json.JsonDocument.Parse(FieldCodec.ToJson(s.Fields)).RootElement, note = s.Note },
        CaseOwnerChanged o => new { type = "owner-changed", owner = o.Owner },
        ReferralRequested q => new { type = "referral-requested", rationale = q.Rationale },
        _ => new { type = e.GetType().Name },
    };
}
