namespace ReviewWorkflow.Web.Casework;

/// <summary>What the rest of the app asks of the case log: the open directions, as the engine's facts.</summary>
public static class CaseDirections
{
    /// <summary>
    /// The case's open directions, counting what this request has added but not yet saved (a new
    /// direction, a response): the step table and the checklist are refreshed from these before the save.
    /// </summary>
    public static async Task<IReadOnlyList<OpenDirection>> OpenAsync(ReviewDb db, Guid caseId, CancellationToken ct = default)
    {
        var answered = db.ChangeTracker.Entries<DirectionResponse>().Where(e => e.Entity.CaseId == caseId).Select(e => e.Entity.NoteId).ToList();
        var added = db.ChangeTracker.Entries<CaseNote>()
            .Where(e => e.State == EntityState.Added && e.Entity.CaseId == caseId && e.Entity.Kind == NoteKind.Direction)
            .Select(e => e.Entity).ToList();
        var stored = await db.CaseNotes.AsNoTracking()
            .Where(n => n.CaseId == caseId && n.Kind == NoteKind.Direction && !db.DirectionResponses.Any(r => r.NoteId == n.Id))
            .ToListAsync(ct);
        var open = stored.Where(n => !answered.Contains(n.Id) && added.All(a => a.Id != n.Id)).Concat(added).ToList();
        if (open.Count == 0) return [];
        var names = await TeamUsers.DisplayNamesAsync(db, open.Select(n => n.AssigneeId!), ct);
        return [.. open.OrderBy(n => n.Number).Select(n => new OpenDirection(n.Reference, names.GetValueOrDefault(n.AssigneeId!) ?? n.AssigneeId!, n.DueAt!.Value))];
    }
}
