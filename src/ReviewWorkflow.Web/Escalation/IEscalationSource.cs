namespace ReviewWorkflow.Web.Escalation;

/// <summary>
/// A kind of work with deadlines the sweep escalates: steps of cases, or items of a step's
/// register (family-information items). A source keeps a <c>next_escalation_at</c> per piece of
/// work, indexed where not null, so claiming reads only what is due now: the sweep's cost follows
/// the overdue work, not the size of the database.
/// </summary>
/// <remarks>
/// To add a source: give its table a nullable <c>next_escalation_at</c> (set to the deadline when
/// the work opens or its deadline moves, null when it is done), a partial index on it, implement
/// this interface, and register it with <c>services.AddScoped&lt;IEscalationSource, …&gt;()</c>.
/// </remarks>
public interface IEscalationSource
{
    /// <summary>Whether closing the case ends the ladder (steps) or not (register items: information after closure is exactly what was ignored before).</summary>
    bool StopsWhenCaseCloses { get; }

    /// <summary>Locks (FOR UPDATE SKIP LOCKED, in the caller's transaction) up to <paramref name="limit"/> pieces of work due at <paramref name="now"/>.</summary>
    Task<IReadOnlyList<OverdueWork>> ClaimAsync(ReviewDb db, DateTimeOffset now, int limit, CancellationToken ct);

    /// <summary>Stores when each piece of work is next due for a level (null: none left, or the work is no longer open).</summary>
    Task RescheduleAsync(ReviewDb db, IReadOnlyList<(OverdueWork Work, DateTimeOffset? Next)> schedule, CancellationToken ct);
}

/// <summary>
/// One piece of claimed work. <see cref="StepKey"/> names the step whose ladder applies (for an
/// item: the register's step); <see cref="Detail"/> is extra wording for the email — never a name.
/// <see cref="AssigneeId"/>, when set, is who the <c>assignee</c> rung tells (an item's own assignee);
/// otherwise it is the step's assignee when the mail is sent. <see cref="Title"/>, when set, is work
/// that is no step of the workflow (a direction): it climbs the workflow's own ladder under that title.
/// </summary>
public sealed record OverdueWork(Guid CaseId, string StepKey, long? ItemId, DateTimeOffset DueAt, string? Detail = null, string? AssigneeId = null,
    string? Title = null);

/// <summary>Rescheduling for a source whose work is one row per item id (family-information items, directions).</summary>
internal static class ItemEscalationSchedule
{
    /// <summary>
    /// Stores each item's next escalation time in one statement. <paramref name="table"/> and
    /// <paramref name="idColumn"/> are the source's constants, never input (identifiers cannot be parameters).
    /// </summary>
    public static async Task RescheduleAsync(ReviewDb db, string table, string idColumn, IReadOnlyList<(OverdueWork Work, DateTimeOffset? Next)> schedule,
        CancellationToken ct)
    {
        if (schedule.Count == 0) return;
        var ids = schedule.Select(s => s.Work.ItemId!.Value).ToArray();
        var next = schedule.Select(s => s.Next).ToArray();
        var update = $"UPDATE {table} AS t SET next_escalation_at = u.next FROM unnest({{0}}, {{1}}) AS u(id, next) WHERE t.{idColumn} = u.id";
        await db.Database.ExecuteSqlRawAsync(update, [ids, next], ct);
    }
}
