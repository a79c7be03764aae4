using ReviewWorkflow.Engine.Commands;

namespace ReviewWorkflow.Web.Workflows;

/// <summary>
/// Moves cases from one workflow version to another (the engine's <see cref="WorkflowMigration"/> decides): a dry run
/// lists each case's plan; applying it moves the cases that can move, a batch at a time in one transaction through
/// <see cref="CaseProcedure.SaveManyAsync"/> — the step table and its escalation times recomputed on the new
/// deadlines, an audit event per case, a conflict if anyone changed the case meanwhile.
/// </summary>
public sealed class CaseMigration(ReviewDb db, WorkflowRegistry workflows, CaseProcedure cases, IServiceScopeFactory scopes)
{
    /// <summary>Cases moved at once, each by its own worker and connection: a case's transaction waits mostly on the database.</summary>
    private const int Workers = 4;

    /// <summary>
    /// Cases a worker moves in one transaction: one commit and one turn of the audit chain's lock for all of them
    /// (a lock per case made the workers wait on each other), still an audit event per case.
    /// </summary>
    private const int Batch = 50;

    public async Task<(MigrationReport? Report, Dictionary<string, string[]> Errors)> RunAsync(MigrationRequest request, CurrentUser user, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var from = Find(request.From, "from", errors);
        var to = Find(request.To, "to", errors);
        if (from is not null && to is not null && Direction(from, to) is { } wrong) errors["to"] = [wrong];
        var redo = request.Redo?.Select(r => r?.Trim() ?? "").ToList() ?? [];
        if (redo.Any(r => r.Length == 0)) errors["redo"] = ["step keys must not be blank"];
        if (errors.Count > 0) return (null, errors);

        var selected = await SelectAsync(from!, request.Cases, errors, ct);
        if (errors.Count > 0) return (null, errors);
        var results = new CaseMigrationDto[selected.Count];
        var chunk = Math.Max(1, (selected.Count + Workers - 1) / Workers);
        await Parallel.ForEachAsync(Enumerable.Range(0, Workers), new ParallelOptions { MaxDegreeOfParallelism = Workers, CancellationToken = ct }, async (w, wct) =>
        {
            using var scope = scopes.CreateScope();
            var worker = scope.ServiceProvider.GetRequiredService<CaseMigration>();
            var end = Math.Min(selected.Count, (w + 1) * chunk);
            for (var i = w * chunk; i < end; i += Batch)
            {
                var batch = selected[i..Math.Min(end, i + Batch)];
                var moved = await worker.MoveManyAsync(batch, from!, to!, redo, request.Apply, user, wct);
                moved.CopyTo(results, i);
            }
        });
        return (new MigrationReport($"{from!.Key} v{from.Version}", $"{to!.Key} v{to.Version}", request.Apply, results.Length,
            results.Count(r => r.CanApply), results.Count(r => r.Applied), results), errors);
    }

    /// <summary>
    /// One case, team-scoped: null when the case is missing or another team's. A supervisor's decision
    /// (<paramref name="forbidden"/> otherwise): the officer cannot take the case off the route it is on.
    /// </summary>
    public async Task<(CaseMigrationDto? Result, Dictionary<string, string[]> Errors)> RunOneAsync(Guid id, CaseMigrationRequest request, CurrentUser user,
        Action<string> forbidden, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var head = await db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Team, c.WorkflowKey, c.WorkflowVersion }).FirstOrDefaultAsync(ct);
        if (head is null || !user.CanSee(head.Team)) return (null, errors);
        if (!Roles.Satisfies(user.Role, Roles.Supervisor))
        {
            forbidden("only a supervisor may move a case to another workflow");
            return (null, errors);
        }
        var to = string.IsNullOrWhiteSpace(request.Workflow) ? null : workflows.Latest(request.Workflow.Trim());
        if (to is null) errors["workflow"] = [$"unknown workflow '{request.Workflow}'"];
        var from = workflows.Get(head.WorkflowKey, head.WorkflowVersion);
        if (to is not null && Direction(from, to) is { } wrong) errors["workflow"] = [wrong];
        if (errors.Count > 0) return (null, errors);
        return (await MoveAsync(id, from, to!, request.Redo ?? [], request.Apply, user, ct), errors);
    }

    /// <summary>
    /// A case moves onto a later version of its workflow, or from another workflow onto the full procedure —
    /// never silently off it onto a shorter route, nor back to an older version.
    /// </summary>
    private static string? Direction(WorkflowDefinition from, WorkflowDefinition to) =>
        from.Key == to.Key
            ? to.Version <= from.Version ? $"cases move to a later version of {from.Key}, not from v{from.Version} to v{to.Version}" : null
            : to.Key != CaseCreation.DefaultWorkflow ? $"a case moves from one workflow to another only onto the full procedure ({CaseCreation.DefaultWorkflow})" : null;

    private WorkflowDefinition? Find(WorkflowVersionRef? version, string name, Dictionary<string, string[]> errors)
    {
        if (version is not { Key: { } key, Version: { } n })
        {
            errors[name] = ["required: {\"key\": ..., \"version\": ...}"];
            return null;
        }
        var found = workflows.Catalog.Find(key, n) is not null ? workflows.Get(key, n) : null;
        if (found is null) errors[name] = [$"no workflow {key} v{n}"];
        return found;
    }

    private async Task<List<Guid>> SelectAsync(WorkflowDefinition from, List<string>? named, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var onFrom = db.Cases.AsNoTracking().Where(c => c.WorkflowKey == from.Key && c.WorkflowVersion == from.Version);
        if (named is null || named.Count == 0)
            return await onFrom.Where(c => c.Status == CaseStatus.Open).OrderBy(c => c.Reference).Select(c => c.Id).ToListAsync(ct);

        var ids = named.Select(n => Guid.TryParse(n, out var g) ? g : (Guid?)null).OfType<Guid>().ToList();
        var references = named.Select(n => n.Trim()).ToList();
        var found = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id) || references.Contains(c.Reference))
            .Select(c => new { c.Id, c.Reference, c.WorkflowKey, c.WorkflowVersion }).ToListAsync(ct);
        var missing = named.Where(n => !found.Any(c => c.Reference == n.Trim() || c.Id.ToString() == n.Trim().ToLowerInvariant())).ToList();
        var elsewhere = found.Where(c => c.WorkflowKey != from.Key || c.WorkflowVersion != from.Version).ToList();
        if (missing.Count > 0) errors["cases"] = [.. missing.Select(n => $"no case '{n}'")];
        if (elsewhere.Count > 0) errors["cases"] = [.. errors.GetValueOrDefault("cases") ?? [], .. elsewhere.Select(c => $"{c.Reference} is on {c.WorkflowKey} v{c.WorkflowVersion}, not {from.Key} v{from.Version}")];
        return [.. found.OrderBy(c => c.Reference).Select(c => c.Id)];
    }

    private void Forget() => db.ChangeTracker.Clear();

    /// <summary>
    /// Plans each case of the batch; when applying, moves those that can move in one transaction. Should any of
    /// them lose a race, nothing of the batch is saved and each case is moved on its own, so only that one is refused.
    /// </summary>
    private async Task<CaseMigrationDto[]> MoveManyAsync(List<Guid> ids, WorkflowDefinition from, WorkflowDefinition to, IReadOnlyList<string> redo,
        bool apply, CurrentUser user, CancellationToken ct)
    {
        var results = new CaseMigrationDto[ids.Count];
        var changes = new List<(int Index, CaseProcedure.Change Change, MigrationPlan Plan)>();
        var now = cases.Now();
        // Loading a case looks over what is tracked (the facts read the tracker); with a batch tracked that is
        // work per case that grows with the batch. The changes are found once, when the batch is saved.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var loaded = (await cases.LoadManyAsync([.. ids], user, ct)).ToDictionary(c => c.Case.Id);
        for (var i = 0; i < ids.Count; i++)
        {
            var context = loaded[ids[i]];
            var plan = WorkflowMigration.Plan(from, to, context.State, redo, user.ToActor(), now);
            results[i] = Dto(context.Case, from, to, plan, applied: false);
            if (apply && plan.CanApply) changes.Add((i, Moved(context, from, to, plan), plan));
            else db.Entry(context.Case).State = EntityState.Detached;
        }
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        if (changes.Count > 0)
        {
            if (await cases.SaveManyAsync([.. changes.Select(c => c.Change)], user, now, ct) is not null)
                foreach (var (i, change, plan) in changes) results[i] = Dto(change.Context.Case, from, to, plan, applied: true);
            else
            {
                Forget();
                foreach (var (i, _, _) in changes)
                {
                    results[i] = await MoveAsync(ids[i], from, to, redo, apply, user, ct);
                    Forget();
                }
            }
        }
        Forget(); // thousands of cases: keep nothing of the last batch
        return results;
    }

    /// <summary>The case put on the target workflow (tracked, not saved) and what its move records.</summary>
    private static CaseProcedure.Change Moved(CaseContext context, WorkflowDefinition from, WorkflowDefinition to, MigrationPlan plan)
    {
        var c = context.Case;
        c.WorkflowKey = to.Key;
        c.WorkflowVersion = to.Version;
        // The step table holds the steps of the case's workflow; a removed step's record stays in its activities.
        foreach (var row in c.Steps.Where(s => to.FindStep(s.Key) is null).ToList()) c.Steps.Remove(row);
        return new CaseProcedure.Change(context with { Definition = to }, "case.migrated", new
        {
            from = new { from.Key, from.Version }, to = new { to.Key, to.Version },
            plan.StepsAdded, plan.StepsRemoved, plan.Redo, plan.AnswersLost, plan.ApprovalsLapsing, plan.Deadlines,
            answersCarried = plan.AnswersCarried.Count,
        }, plan.Activities);
    }

    private async Task<CaseMigrationDto> MoveAsync(Guid id, WorkflowDefinition from, WorkflowDefinition to, IReadOnlyList<string> redo, bool apply,
        CurrentUser user, CancellationToken ct)
    {
        var context = (await cases.LoadAsync(id, user, ct))!;
        var now = cases.Now();
        var plan = WorkflowMigration.Plan(from, to, context.State, redo, user.ToActor(), now);
        if (!apply || !plan.CanApply) return Dto(context.Case, from, to, plan, applied: false);

        var c = context.Case;
        var moved = Moved(context, from, to, plan);
        var outcome = await cases.SaveAsync(moved.Context, user, moved.Action, moved.AuditData, moved.Activities, now, ct);
        return outcome is CaseRefused refused
            ? Dto(c, from, to, plan with { Refusals = refused.Refusal.Reasons }, applied: false)
            : Dto(c, from, to, plan, applied: true);
    }

    private static CaseMigrationDto Dto(Case c, WorkflowDefinition from, WorkflowDefinition to, MigrationPlan p, bool applied) =>
        new(c.Id, c.Reference, $"{from.Key} v{from.Version}", $"{to.Key} v{to.Version}", p.CanApply, applied, p.Refusals,
            p.StepsAdded, p.StepsRemoved, p.StepsUnchanged, p.AnswersCarried, p.AnswersLost, p.ApprovalsLapsing, p.Deadlines, p.Redo);
}
