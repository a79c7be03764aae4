namespace ReviewWorkflow.Web.FamilyInformation;

/// <summary>What the rest of the app asks of the register: open items, deadlines, escalation levels.</summary>
public static class FamilyRegister
{
    /// <summary>The procedure's default when a definition gives the register no <c>due</c>.</summary>
    public static readonly TimeSpan DefaultDue = TimeSpan.FromHours(72);

    /// <summary>An item's deadline runs from its receipt, not from the case's opening.</summary>
    public static DateTimeOffset DueAt(WorkflowDefinition definition, DateTimeOffset receivedAt) =>
        receivedAt + (definition.StepOfKind(StepKind.FamilyInformation)?.Due ?? DefaultDue);

    /// <summary>
    /// The case's open items, including changes this request has made but not yet saved: the step
    /// table is refreshed from these before the save, so a just-logged item must already count.
    /// </summary>
    public static async Task<IReadOnlyList<OpenFamilyItem>> OpenItemsAsync(ReviewDb db, Guid caseId, CancellationToken ct = default)
    {
        var entries = db.ChangeTracker.Entries<FamilyInformationItem>().Where(e => e.Entity.CaseId == caseId).ToList();
        var trackedIds = entries.Where(e => e.State != EntityState.Added).Select(e => e.Entity.Id).ToList();
        var stored = new List<OpenItemRow>();
        // Nearly always nothing of the register is tracked (a step completion, a read): the compiled query.
        if (trackedIds.Count == 0)
        {
            await foreach (var row in OpenItemsOf(db, caseId).WithCancellation(ct)) stored.Add(row);
        }
        else
        {
            stored = await db.FamilyInformationItems.AsNoTracking()
                .Where(i => i.CaseId == caseId && i.State == FamilyItemState.Open && !trackedIds.Contains(i.Id))
                .Select(i => new OpenItemRow(i.Number, i.ProvidedByName, i.ProvidedByRelationship, i.ReceivedAt, i.DueAt))
                .ToListAsync(ct);
        }
        var pending = entries
            .Where(e => e.State != EntityState.Deleted && e.Entity.State == FamilyItemState.Open)
            .Select(e => e.Entity)
            .Select(i => new OpenItemRow(i.Number, i.ProvidedByName, i.ProvidedByRelationship, i.ReceivedAt, i.DueAt));
        return stored.Concat(pending)
            .OrderBy(i => i.Number)
            .Select(i => new OpenFamilyItem(FamilyInformationItem.ReferenceFor(i.Number), $"{i.ProvidedByName} ({i.ProvidedByRelationship})", i.ReceivedAt, i.DueAt))
            .ToList();
    }

    private sealed record OpenItemRow(int Number, string ProvidedByName, string ProvidedByRelationship, DateTimeOffset ReceivedAt, DateTimeOffset DueAt);

    private static readonly Func<ReviewDb, Guid, IAsyncEnumerable<OpenItemRow>> OpenItemsOf = EF.CompileAsyncQuery((ReviewDb db, Guid caseId) =>
        db.FamilyInformationItems.AsNoTracking()
            .Where(i => i.CaseId == caseId && i.State == FamilyItemState.Open)
            .Select(i => new OpenItemRow(i.Number, i.ProvidedByName, i.ProvidedByRelationship, i.ReceivedAt, i.DueAt)));

    /// <summary>
    /// Escalation levels due for one item (for the escalation sweep): the register step's ladder from
    /// the item's own deadline. An item stays open on a closed case too, and keeps escalating, since
    /// information after closure is exactly what was ignored before.
    /// </summary>
    public static IReadOnlyList<EscalationRung> DueRungs(
        WorkflowDefinition definition, FamilyInformationItem item, DateTimeOffset now, IReadOnlySet<int> recordedLevels)
    {
        if (item.State != FamilyItemState.Open) return [];
        var step = definition.StepOfKind(StepKind.FamilyInformation);
        return EscalationLadder.DueLevels(step is null ? definition.Escalation : definition.LadderFor(step), item.DueAt, now, recordedLevels);
    }
}
