using Microsoft.AspNetCore.Http.HttpResults;
using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Web.SignOff.Pages;

/// <summary>Sign-offs waiting, longest waiting first: the same query as <c>GET /api/sign-offs?pending=true</c>.</summary>
[Authorize(Roles = $"{Roles.Supervisor},{Roles.Inspector}")]
public sealed class QueueModel(ReviewDb db, WorkflowRegistry workflows, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public SignOffQueueDto Queue { get; private set; } = new([], 0, 1, PageSize);
    public Dictionary<Guid, (string Deceased, string Officer)> Cases { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public const int PageSize = 50;

    /// <summary>Closed cases of the user's team(s) with evidence that arrived after closure (F8, F9): a late candidate, an item, a link.</summary>
    public IReadOnlyList<(Guid Id, string Reference, string Deceased, DateTimeOffset? ClosedAt)> ClosedToReview { get; private set; } = [];

    /// <summary>Steps whose pause waits for a supervisor's decision: the step stays overdue until it is approved.</summary>
    public IReadOnlyList<Escalation.Pages.PausedStep> PausesToDecide { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        var result = await SignOffQueue.PendingAsync(db, workflows, HttpContext.CurrentUser(), clock, ct, pending: true, page: Math.Max(PageNumber, 1), pageSize: PageSize);
        if (result.Result is not Ok<SignOffQueueDto> ok) return BadRequest();
        Queue = ok.Value!;
        var ids = Queue.Items.Select(i => i.CaseId).Distinct().ToList();
        Cases = (await (from c in db.Cases.AsNoTracking()
                        where ids.Contains(c.Id)
                        join u in db.Users.AsNoTracking() on c.OfficerId equals u.Id into officers
                        from o in officers.DefaultIfEmpty()
                        select new { c.Id, c.DeceasedName, Officer = o == null ? c.OfficerId : o.DisplayName }).ToListAsync(ct))
            .ToDictionary(x => x.Id, x => (x.DeceasedName, x.Officer));
        var user = HttpContext.CurrentUser();
        var closed = db.Cases.AsNoTracking().Where(c => c.Status == ReviewWorkflow.Web.Cases.CaseStatus.Closed && c.NeedsReview);
        if (!user.SeesAllTeams) closed = closed.Where(c => c.Team == user.Team);
        ClosedToReview = (await closed.OrderBy(c => c.ClosedAt).Take(PageSize).Select(c => new { c.Id, c.Reference, c.DeceasedName, c.ClosedAt }).ToListAsync(ct))
            .Select(c => (c.Id, c.Reference, c.DeceasedName, c.ClosedAt)).ToList();
        PausesToDecide = await Escalation.Pages.PausedSteps.ForAsync(db, workflows, user.SeesAllTeams ? "" : user.Team, ct, awaitingOnly: true);
        return Page();
    }
}
