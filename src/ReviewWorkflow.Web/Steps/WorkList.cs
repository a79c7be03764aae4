using ReviewWorkflow.Web.Casework;
using ReviewWorkflow.Web.FamilyInformation;
using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Web.Steps;

/// <summary>One thing a person has to do: a step or a family-information item, with its deadline.</summary>
public sealed record WorkItem(
    Guid CaseId, string CaseReference, string DeceasedName, string Title, string Kind,
    StepState State, DateTimeOffset? DueAt, string Link)
{
    /// <summary>The step's pause while one stands (<see cref="CaseStep.PausedUntil"/>).</summary>
    public DateTimeOffset? PausedUntil { get; init; }
    public bool PauseApproved { get; init; }
}

/// <summary>The most urgent items and how many there are in all.</summary>
public sealed record WorkListPage(IReadOnlyList<WorkItem> Items, int Total, int Overdue);

/// <summary>
/// "My work": open steps of open cases that are the user's — officer steps of the cases they hold,
/// and unassigned steps of the user's own role (a supervisor's sign-offs) in the cases they may see —
/// which they can act on now or which are already overdue; and the open family-information items
/// assigned to them. Read from the step table the engine keeps current, ordered and cut in the
/// database, so the page costs the same for a user with ten items or ten thousand. A colleague's
/// work handed over to the user (a handover in force) is theirs while it lasts.
/// </summary>
public sealed class WorkList(ReviewDb db, WorkflowRegistry workflows)
{
    public const int Shown = 100;

    public async Task<WorkListPage> ForAsync(CurrentUser user, DateTimeOffset now, CancellationToken ct = default)
    {
        // Unassigned steps belong to a role: a supervisor's list shows supervisor steps, not every officer's.
        var roleKeys = workflows.Catalog.All.SelectMany(d => d.Steps).Where(s => s.Role == user.Role).Select(s => s.Key).Distinct().ToList();
        // The user's own work and that of anyone whose handover to them is in force.
        var holds = await Handovers.ActingForAsync(db, user.Id, now, ct);
        var steps =
            from s in db.CaseSteps.AsNoTracking()
            join c in db.Cases.AsNoTracking() on s.CaseId equals c.Id
            where c.Status == CaseStatus.Open
                  && (s.State == StepState.Available || s.State == StepState.Returned || (s.State == StepState.Blocked && s.DueAt < now))
                  && (holds.Contains(s.AssigneeId!) || (s.AssigneeId == null && roleKeys.Contains(s.Key)))
            select new { c.Id, c.Reference, c.DeceasedName, c.Team, c.WorkflowKey, c.WorkflowVersion, s.Key, s.State, s.DueAt, s.AssigneeId, s.PausedUntil, s.PauseApproved };
        if (!user.SeesAllTeams) steps = steps.Where(r => r.Team == user.Team);

        // A pause asked for waits on a supervisor: it is their work until decided.
        var pauses =
            from s in db.CaseSteps.AsNoTracking()
            join c in db.Cases.AsNoTracking() on s.CaseId equals c.Id
            where user.Role == Roles.Supervisor && c.Status == CaseStatus.Open && s.PausedUntil != null && !s.PauseApproved
            select new { c.Id, c.Reference, c.DeceasedName, c.Team, c.WorkflowKey, c.WorkflowVersion, s.Key, s.State, s.DueAt, s.PausedUntil };
        if (!user.SeesAllTeams) pauses = pauses.Where(r => r.Team == user.Team);

        // Family-information items have their own deadline from receipt and their own assignee (F5, F9).
        var family =
            from i in db.FamilyInformationItems.AsNoTracking()
            join c in db.Cases.AsNoTracking() on i.CaseId equals c.Id
            where c.Status == CaseStatus.Open && i.State == FamilyItemState.Open && holds.Contains(i.AssigneeId)
            select new { c.Id, c.Reference, c.DeceasedName, c.Team, ItemId = i.Id, i.Number, i.ProvidedByName, i.ProvidedByRelationship, i.DueAt };
        if (!user.SeesAllTeams) family = family.Where(r => r.Team == user.Team);

        // A supervisor's directions to this user, open until answered, on open and closed cases alike:
        // a direction after closure is the late work the reform says must not be lost.
        var directions =
            from n in db.CaseNotes.AsNoTracking()
            join c in db.Cases.AsNoTracking() on n.CaseId equals c.Id
            where n.Kind == NoteKind.Direction && holds.Contains(n.AssigneeId!) && !db.DirectionResponses.Any(r => r.NoteId == n.Id)
            select new { c.Id, c.Reference, c.DeceasedName, c.Team, NoteId = n.Id, n.Number, n.AuthorName, n.DueAt };
        if (!user.SeesAllTeams) directions = directions.Where(r => r.Team == user.Team);

        // A closed case with late evidence (a candidate, an item, a link) is back with its officer until reviewed (F8, F9).
        var reviews =
            from c in db.Cases.AsNoTracking()
            where c.Status == CaseStatus.Closed && c.NeedsReview && holds.Contains(c.OfficerId)
            select new { c.Id, c.Reference, c.DeceasedName, c.ClosedAt };

        // All and overdue in one pass each: the steps are the costly query (20,000 open cases: a tenth of a second).
        var stepCount = await steps.GroupBy(r => 1).Select(g => new Count(g.Count(), g.Count(r => r.DueAt < now))).FirstOrDefaultAsync(ct) ?? Count.None;
        var familyCount = await family.GroupBy(r => 1).Select(g => new Count(g.Count(), g.Count(r => r.DueAt < now))).FirstOrDefaultAsync(ct) ?? Count.None;
        var directionCount = await directions.GroupBy(r => 1).Select(g => new Count(g.Count(), g.Count(r => r.DueAt < now))).FirstOrDefaultAsync(ct) ?? Count.None;
        var total = stepCount.All + familyCount.All + directionCount.All + await reviews.CountAsync(ct) + await pauses.CountAsync(ct);
        var overdue = stepCount.Overdue + familyCount.Overdue + directionCount.Overdue;

        var items = new List<WorkItem>();
        foreach (var r in await steps.OrderBy(r => r.DueAt == null).ThenBy(r => r.DueAt).ThenBy(r => r.Reference).Take(Shown).ToListAsync(ct))
        {
            var step = workflows.Get(r.WorkflowKey, r.WorkflowVersion).FindStep(r.Key);
            if (step is null || (r.AssigneeId is null && step.Role != user.Role)) continue;
            items.Add(new WorkItem(r.Id, r.Reference, r.DeceasedName, step.Title, step.Kind.ToString(), r.State, r.DueAt, StepLinks.For(r.Id, step))
                { PausedUntil = r.PausedUntil, PauseApproved = r.PauseApproved });
        }
        foreach (var p in await pauses.OrderBy(p => p.DueAt).Take(Shown).ToListAsync(ct))
        {
            var title = workflows.Get(p.WorkflowKey, p.WorkflowVersion).FindStep(p.Key)?.Title ?? p.Key;
            items.Add(new WorkItem(p.Id, p.Reference, p.DeceasedName, $"Pause to decide: {title}", "PauseDecision", p.State, p.DueAt,
                Ui.PauseDisplay.Link(p.Id, p.Key)) { PausedUntil = p.PausedUntil });
        }
        foreach (var i in await family.OrderBy(i => i.DueAt).Take(Shown).ToListAsync(ct))
            items.Add(new WorkItem(i.Id, i.Reference, i.DeceasedName,
                $"Family information {FamilyInformationItem.ReferenceFor(i.Number)} from {i.ProvidedByName} ({i.ProvidedByRelationship})",
                "FamilyInformationItem", StepState.Available, i.DueAt, $"/cases/{i.Id}/family-information/{i.ItemId}"));

        foreach (var d in await directions.OrderBy(d => d.DueAt).Take(Shown).ToListAsync(ct))
            items.Add(new WorkItem(d.Id, d.Reference, d.DeceasedName, $"Direction {CaseNote.ReferenceFor(NoteKind.Direction, d.Number)} from {d.AuthorName}",
                "Direction", StepState.Available, d.DueAt, $"/cases/{d.Id}/notes#note-{d.NoteId}"));

        foreach (var r in await reviews.OrderBy(r => r.ClosedAt).Take(Shown).ToListAsync(ct))
            items.Add(new WorkItem(r.Id, r.Reference, r.DeceasedName, "Closed case to review: evidence arrived after closure",
                "ClosedCaseReview", StepState.Available, null, $"/cases/{r.Id}"));

        // Most urgent first: the longest overdue at the top, steps without a deadline last.
        var shown = items.OrderBy(i => i.DueAt is null).ThenBy(i => i.DueAt).ThenBy(i => i.CaseReference, StringComparer.Ordinal).Take(Shown).ToList();
        return new WorkListPage(shown, total, overdue);
    }

    private sealed record Count(int All, int Overdue)
    {
        public static readonly Count None = new(0, 0);
    }
}
