namespace ReviewWorkflow.Web.Casework;

/// <summary>A colleague holding someone's work during an approved handover, until <paramref name="EndsAt"/>.</summary>
public sealed record Cover(string ToId, string ToName, DateTimeOffset EndsAt);

/// <summary>
/// Who holds a case's work now, as My work and the escalation ladder see it: a step's or item's stored
/// assignee, or the colleague covering for them while a handover is in force. Read only for cases
/// where something is reassigned or a handover is in force in the team; otherwise <see cref="None"/>,
/// and every holder is the case officer, whose name comes with the case.
/// </summary>
public sealed record WorkHolders(IReadOnlyDictionary<string, string> StepAssignments, IReadOnlyDictionary<string, string> Names,
    IReadOnlyDictionary<string, Cover> Covers)
{
    public static readonly WorkHolders None = new(new Dictionary<string, string>(), new Dictionary<string, string>(), new Dictionary<string, Cover>());

    /// <summary>Who holds work stored as <paramref name="assigneeId"/>'s: the cover while <paramref name="open"/> work is handed over, else the assignee.</summary>
    public UserRefDto Holder(string assigneeId, bool open, string? knownName = null) =>
        open && Covers.TryGetValue(assigneeId, out var cover)
            ? new UserRefDto(cover.ToId, cover.ToName)
            : new UserRefDto(assigneeId, knownName ?? Names.GetValueOrDefault(assigneeId) ?? assigneeId);

    /// <summary>
    /// The case's reassigned steps, the handovers in force from <paramref name="assignees"/> (and from
    /// the reassigned steps' holders), and their names.
    /// </summary>
    public static async Task<WorkHolders> ReadAsync(ReviewDb db, Guid caseId, IEnumerable<string> assignees, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await db.CaseSteps.AsNoTracking().Where(s => s.CaseId == caseId && s.AssignedTo != null)
            .Select(s => new { s.Key, AssignedTo = s.AssignedTo! }).ToListAsync(ct);
        var steps = rows.ToDictionary(r => r.Key, r => r.AssignedTo);
        return await ForAsync(db, steps, [.. assignees, .. steps.Values], now, ct);
    }

    /// <summary>Covers and names for these assignees (a register's items), with the steps' assignments already known.</summary>
    public static async Task<WorkHolders> ForAsync(ReviewDb db, IReadOnlyDictionary<string, string> steps, IEnumerable<string> assignees,
        DateTimeOffset now, CancellationToken ct)
    {
        var ids = assignees.Distinct().ToList();
        var covers = await db.Handovers.AsNoTracking()
            .Where(h => ids.Contains(h.FromId) && h.ApprovedAt != null && h.StartsAt <= now && now < h.EndsAt)
            .Select(h => new { h.FromId, Cover = new Cover(h.ToId, h.ToName, h.EndsAt) }).ToListAsync(ct);
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        // Periods of one officer never overlap (an exclusion constraint): at most one cover each.
        return new(steps, names, covers.ToDictionary(c => c.FromId, c => c.Cover));
    }
}
