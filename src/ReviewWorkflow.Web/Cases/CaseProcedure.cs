using Microsoft.EntityFrameworkCore;
using Npgsql;
using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Evaluation;
using ReviewWorkflow.Engine.Linkage;
using ReviewWorkflow.Web.Accounts;
using ReviewWorkflow.Web.Audit;
using ReviewWorkflow.Web.Data;
using ReviewWorkflow.Web.Steps;
using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Web.Cases;

public abstract record CaseOutcome;

public sealed record CaseDone(CaseContext Context, CaseEvaluation Evaluation) : CaseOutcome;

public sealed record CaseNotFound : CaseOutcome;

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
    public async Task<CaseContext?> LoadAsync(Guid id, CurrentUser user, CancellationToken ct = default)
    {
        await db.Database.OpenConnectionAsync(ct); // see ReadAsync
        // One query for the case, its 13-odd steps and its few persons (their product is a few dozen
        // rows): a split query's two extra round trips cost more CPU than the repeated columns.
        var c = await db.Cases.Include(x => x.Steps).Include(x => x.Persons).AsSingleQuery().FirstOrDefaultAsync(x => x.Id == id, ct);
        // A case of another team is reported as missing, not forbidden: its existence is itself information.
        if (c is null || !user.CanSee(c.Team)) return null;
        var activities = await db.CaseActivities.AsNoTracking().Where(a => a.CaseId == id).OrderBy(a => a.Id).ToListAsync(ct);
        var facts = await CaseFactsQuery.ForAsync(db, c, ct);
        return new CaseContext(c, workflows.Get(c.WorkflowKey, c.WorkflowVersion), activities, CaseFactsQuery.ToState(c, activities, facts));
    }

    /// <summary>
    /// The case as <see cref="LoadAsync"/> gives it, for reading only (a GET, the case page):
    /// nothing is tracked, so EF keeps no snapshots and fixes up no graph for rows never saved.
    /// </summary>
    public async Task<CaseContext?> ReadAsync(Guid id, CurrentUser user, CancellationToken ct = default)
    {
        // One connection for the request's queries (EF closes it with the context): left to itself
        // EF takes a pooled connection per query, and each return to the pool costs a session reset.
        await db.Database.OpenConnectionAsync(ct);
        // The linkage counts and the officer's name ride on the case's query: each round trip saved is
        // CPU saved on both sides, and a read is nearly all round trips.
        var row = await db.Cases.AsNoTracking().Include(x => x.Steps).Include(x => x.Persons).AsSingleQuery()
            .Where(x => x.Id == id)
            .Select(x => new
            {
                Case = x,
                Undecided = db.LinkageCandidates.Count(l => l.CaseId == x.Id && l.Decision == null),
                Linked = db.LinkageCandidates.Count(l => l.CaseId == x.Id && l.Decision == LinkageDisposition.Linked),
                OfficerName = db.Users.Where(u => u.Id == x.OfficerId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (row is null || !user.CanSee(row.Case.Team)) return null;
        var c = row.Case;
        var activities = await db.CaseActivities.AsNoTracking().Where(a => a.CaseId == id).OrderBy(a => a.Id).ToListAsync(ct);
        var facts = await CaseFactsQuery.ForReadAsync(db, c, row.Undecided, row.Linked, ct);
        return new CaseContext(c, workflows.Get(c.WorkflowKey, c.WorkflowVersion), activities, CaseFactsQuery.ToState(c, activities, facts))
        {
            OfficerName = row.OfficerName ?? c.OfficerId,
        };
    }

    public async Task<CaseOutcome> RunAsync(Guid id, CurrentUser user, string action,
        Func<CaseContext, DateTimeOffset, CommandOutcome> decide, CancellationToken ct = default)
    {
        var context = await LoadAsync(id, user, ct);
        if (context is null) return new CaseNotFound();
        var now = AuditHash.ToStoredPrecision(clock.GetUtcNow()); // as PostgreSQL will store it
        switch (decide(context, now))
        {
            case Refused refused:
                return new CaseRefused(refused);
            case Accepted accepted:
                return await RecordAsync(context, user, action, accepted.Events, now, ct);
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
        Func<CaseContext, DateTimeOffset, Task<CaseChange>> change, CancellationToken ct = default)
    {
        var context = await LoadAsync(id, user, ct);
        if (context is null) return new CaseNotFound();
        var now = AuditHash.ToStoredPrecision(clock.GetUtcNow()); // as PostgreSQL will store it
        var decided = await change(context, now);
        if (decided.Refusal is { } refusal) return new CaseRefused(refusal);
        var added = decided.Activities.Select(a => NewActivity(context.Case.Id, a, user)).ToList();
        db.CaseActivities.AddRange(added);
        return await SaveAsync(context, user, action, decided.AuditData, added, now, ct);
    }

    private async Task<CaseOutcome> RecordAsync(CaseContext context, CurrentUser user, string action,
        IReadOnlyList<CaseEvent> events, DateTimeOffset now, CancellationToken ct)
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
        return await SaveAsync(context, user, action, auditData, added, now, ct, factsChange: false);
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
            // only the case's own columns (a referral requested) are taken again.
            var facts = factsChange ? await CaseFactsQuery.ForAsync(db, c, ct) : CaseFactsQuery.WithCase(context.State.Facts, c);
            var updated = context with { Activities = [.. context.Activities, .. added], State = CaseFactsQuery.ToState(c, [.. context.Activities, .. added], facts) };
            var evaluation = updated.Evaluate();
            StepTable.Refresh(c, evaluation, updated.Activities, now);
            c.UpdatedAt = now;
            // Always write the case row, even when updated_at is unchanged (two commands within one
            // microsecond, or a stopped clock): EF skips an unchanged row, and with it the xmin check
            // that makes the second of two racing commands a conflict.
            db.Entry(c).Property(x => x.UpdatedAt).IsModified = true;
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(user, c.Id, action, auditData, ct);
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
