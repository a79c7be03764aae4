using ReviewWorkflow.Web.FamilyInformation;
using ReviewWorkflow.Web.FamilyInformation.Pages;
using ReviewWorkflow.Web.Steps;

namespace ReviewWorkflow.Web.Casework.Pages;

/// <summary>Who holds the case's open work (its officer, each open step, each open family item), and a supervisor's form to reassign one.</summary>
[Authorize(Policy = Policies.Casework)]
public sealed class AssignmentModel(CaseProcedure cases, Reassignment reassignment, ReviewDb db) : CaseChangePage(cases)
{
    public sealed record Work(string Value, string Label, string Holder);

    public IReadOnlyList<Work> OpenWork { get; private set; } = [];
    public IReadOnlyList<Caseworker> Team { get; private set; } = [];
    public bool MayReassign { get; private set; }

    /// <summary>"officer", "step:KEY" or "item:ID".</summary>
    [BindProperty] public string? What { get; set; }
    [BindProperty] public string? Officer { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        var what = What ?? "officer";
        var request = new AssignmentRequest(Officer, what.StartsWith("step:", StringComparison.Ordinal) ? what[5..] : null,
            what.StartsWith("item:", StringComparison.Ordinal) && long.TryParse(what[5..], out var item) ? item : null, Reason);
        var (outcome, done) = await reassignment.RunAsync(Context, request, HttpContext.CurrentUser(), ct);
        // The page names a step by its title; the audit trail and the API keep its key.
        string Reassigned() => request.StepKey is { } key ? $"step {Words.StepTitle(Context.Definition, key)}" : done!.What;
        return Answer(outcome, () => ($"{Capitalised(Reassigned())} reassigned to {done!.ToName}.", $"/cases/{id}/assignment"));
    }

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadCaseAsync(id, ct)) return NotFound();
        var c = Context.Case;
        MayReassign = Roles.Satisfies(HttpContext.CurrentUser().Role, Roles.Supervisor);
        Team = await FamilyPage.TeamAsync(db, c, ct);
        var names = Team.ToDictionary(u => u.Id, u => u.DisplayName);
        string Name(string? userId, string fallback) => userId is null ? fallback : names.GetValueOrDefault(userId) ?? userId;
        var work = new List<Work> { new("officer", "Case officer", Name(c.OfficerId, "")) };
        foreach (var s in c.Steps.Where(s => s.State is StepState.Blocked or StepState.Available or StepState.Returned))
            if (Context.Definition.FindStep(s.Key) is { } step)
                work.Add(new($"step:{s.Key}", $"Step: {step.Title}", Name(s.AssigneeId, $"the team's {step.Role}s")));
        var items = await db.FamilyInformationItems.AsNoTracking().Where(i => i.CaseId == c.Id && i.State == FamilyItemState.Open)
            .OrderBy(i => i.Number).Select(i => new { i.Id, i.Number, i.AssigneeId }).ToListAsync(ct);
        work.AddRange(items.Select(i => new Work($"item:{i.Id}", $"Family information {FamilyInformationItem.ReferenceFor(i.Number)}", Name(i.AssigneeId, ""))));
        OpenWork = work;
        return null;
    }
}
