using Microsoft.Extensions.Options;
using ReviewWorkflow.Web.Audit;
using ReviewWorkflow.Web.Notifications;
using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Web.Escalation;

/// <summary>
/// Finds overdue work (the engine's deadline and next escalation time, stored with the work by the
/// command that last changed it), asks the engine which levels of its ladder are due, and records each
/// (unique per work and level) together with its email in the outbox and an audit event — one
/// transaction per batch, so a crash or a retry repeats a batch whole or not at all.
/// </summary>
public sealed class EscalationSweep(ReviewDb db, WorkflowRegistry workflows, AuditTrail audit, IEnumerable<IEscalationSource> sources,
    TimeProvider clock, IOptions<EscalationOptions> options, IConfiguration configuration, ILogger<EscalationSweep> logger)
{
    public static readonly CurrentUser Actor = new("system:escalation", "Escalation sweep", "system", "");

    /// <summary>Runs until no source has due work left; returns how many escalations it recorded.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = AuditHash.ToStoredPrecision(clock.GetUtcNow()); // as PostgreSQL will store it
        var batchSize = Math.Max(1, options.Value.BatchSize);
        var recorded = 0;
        foreach (var source in sources)
        {
            while (true)
            {
                var (claimed, count) = await RunBatchAsync(source, now, batchSize, ct);
                recorded += count;
                if (claimed < batchSize) break;
            }
        }
        if (recorded > 0) logger.LogInformation("Escalation sweep recorded {Count} escalation(s)", recorded);
        return recorded;
    }

    private async Task<(int Claimed, int Recorded)> RunBatchAsync(IEscalationSource source, DateTimeOffset now, int batchSize, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await source.ClaimAsync(db, now, batchSize, ct);
        if (claimed.Count == 0) return (0, 0);

        var caseIds = claimed.Select(w => w.CaseId).Distinct().ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .Select(c => new CaseHead(c.Id, c.Reference, c.Team, c.Status, c.WorkflowKey, c.WorkflowVersion))
            .ToDictionaryAsync(c => c.Id, ct);
        var levels = (await db.Escalations.AsNoTracking().Where(e => caseIds.Contains(e.CaseId))
                .Select(e => new { e.CaseId, e.StepKey, e.ItemId, e.DueAt, e.Level }).ToListAsync(ct))
            .ToLookup(e => (e.CaseId, e.StepKey, e.ItemId, e.DueAt), e => e.Level);
        var baseUrl = BaseUrl(configuration);

        var schedule = new List<(OverdueWork, DateTimeOffset?)>(claimed.Count);
        var events = new List<(Guid?, string, object)>();
        var messages = new List<OutboxMessage>();
        var escalations = new List<EscalationRecord>();
        foreach (var work in claimed)
        {
            if (!cases.TryGetValue(work.CaseId, out var head) || (source.StopsWhenCaseCloses && head.Status != CaseStatus.Open)
                || workflows.Get(head.WorkflowKey, head.WorkflowVersion) is not { } definition
                || Ladder(definition, work) is not var (title, ladder))
            {
                schedule.Add((work, null)); // a closed case (or a step no longer defined) has nothing left to escalate
                continue;
            }
            // Levels count per deadline: once a pause (or a return, a migration) gives the work a new deadline, its
            // ladder starts again from level 1, each level told once for that deadline.
            var recorded = levels[(work.CaseId, work.StepKey, work.ItemId, work.DueAt)].ToHashSet();
            foreach (var rung in EscalationLadder.DueLevels(ladder, work.DueAt, now, recorded))
            {
                var content = EscalationEmail.Compose(head.Reference, work.CaseId, title, work.Detail, rung.Level, rung.Notify,
                    work.DueAt, now - work.DueAt, baseUrl);
                var toPerson = rung.Notify == "assignee" && work.AssigneeId is not null;
                var message = Outbox.Create(MessageKey(work, rung.Level), work.CaseId,
                    "escalation", toPerson ? "user" : rung.Notify, head.Team, content.Subject, content.Text, content.Html, now,
                    recipientUserId: toPerson ? work.AssigneeId : null, stepKey: work.StepKey);
                messages.Add(message);
                escalations.Add(new EscalationRecord
                {
                    CaseId = work.CaseId, StepKey = work.StepKey, ItemId = work.ItemId, Level = rung.Level, Notify = rung.Notify,
                    DueAt = work.DueAt, RecordedAt = now, MessageId = message.MessageId,
                });
                events.Add((work.CaseId, "escalation.recorded", new
                {
                    step = work.StepKey, item = work.ItemId, level = rung.Level, notify = rung.Notify, dueAt = work.DueAt,
                    overdue = EscalationEmail.Describe(now - work.DueAt), messageId = message.MessageId,
                }));
                recorded.Add(rung.Level);
            }
            schedule.Add((work, EscalationLadder.NextAt(ladder, work.DueAt, recorded)));
        }

        await EscalationRows.CopyAsync(db, messages, escalations, ct);
        if (events.Count > 0) await audit.AppendManyAsync(Actor, events, ct);
        await source.RescheduleAsync(db, schedule, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return (claimed.Count, events.Count);
    }

    /// <summary>
    /// The work's title and ladder: a step's own, or for work that is no step (a direction, which
    /// names itself) the workflow's ladder; null for a step the workflow no longer defines.
    /// </summary>
    private static (string Title, IReadOnlyList<EscalationRung> Ladder)? Ladder(WorkflowDefinition definition, OverdueWork work)
    {
        if (work.Title is not null) return (work.Title, definition.Escalation);
        return definition.FindStep(work.StepKey) is { } step ? (step.Title, definition.LadderFor(step)) : null;
    }

    /// <summary>One message per work, level and deadline (the escalations' unique index has the same key).</summary>
    public static string MessageKey(OverdueWork work, int level) =>
        $"escalation:{work.CaseId}:{work.StepKey}:{work.ItemId}:{level}:{work.DueAt.UtcDateTime:yyyyMMddTHHmmss.ffffff}";

    /// <summary>Where links in emails point: App:BaseUrl, else the first address the app listens on.</summary>
    public static string BaseUrl(IConfiguration configuration) =>
        configuration["App:BaseUrl"] ?? configuration["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "http://127.0.0.1:5080";

    private sealed record CaseHead(Guid Id, string Reference, string Team, CaseStatus Status, string WorkflowKey, int WorkflowVersion);
}
