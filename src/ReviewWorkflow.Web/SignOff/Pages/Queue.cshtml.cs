using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewWorkflow.Engine;
using ReviewWorkflow.Engine.Definitions;
using ReviewWorkflow.Engine.Evaluation;
using ReviewWorkflow.Web.Cases;
using ReviewWorkflow.Web.Data;
using ReviewWorkflow.Web.Ui;
using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Web.SignOff.Pages;

public sealed record PendingSignOff(Guid CaseId, string Reference, string DeceasedName, string Team, string Officer,
    DateTimeOffset OpenedAt, string StepKey, string StepTitle, StepState State, DateTimeOffset? DueAt);

/// <summary>Sign-offs waiting for a supervisor in the teams the user may see, oldest first.</summary>
[Authorize(Roles = $"{Roles.Supervisor},{Roles.Inspector}")]
public sealed class QueueModel(ReviewDb db, WorkflowRegistry workflows, TimeProvider clock) : PageModel
{
    public IReadOnlyList<PendingSignOff> Pending { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = HttpContext.CurrentUser();
        Now = clock.GetUtcNow();
        var signOffKeys = workflows.Catalog.All.SelectMany(d => d.Steps).Where(s => s.Kind == StepKind.SignOff).Select(s => s.Key).Distinct().ToList();
        var query =
            from s in db.CaseSteps.AsNoTracking()
            join c in db.Cases.AsNoTracking() on s.CaseId equals c.Id
            join u in db.Users.AsNoTracking() on c.OfficerId equals u.Id into officers
            from o in officers.DefaultIfEmpty()
            where c.Status == CaseStatus.Open && signOffKeys.Contains(s.Key) && (s.State == StepState.Available || s.State == StepState.Returned)
            select new { c.Id, c.Reference, c.DeceasedName, c.Team, Officer = o == null ? c.OfficerId : o.DisplayName, c.OpenedAt, c.WorkflowKey, c.WorkflowVersion, s.Key, s.State, s.DueAt };
        if (!user.SeesAllTeams) query = query.Where(r => r.Team == user.Team);
        var rows = await query.OrderBy(r => r.OpenedAt).ThenBy(r => r.Reference).ToListAsync(ct);
        Pending = rows
            .Select(r => (r, step: workflows.Get(r.WorkflowKey, r.WorkflowVersion).FindStep(r.Key)))
            .Where(x => x.step is { Kind: StepKind.SignOff })
            .Select(x => new PendingSignOff(x.r.Id, x.r.Reference, x.r.DeceasedName, x.r.Team, x.r.Officer, x.r.OpenedAt, x.r.Key, x.step!.Title, x.r.State, x.r.DueAt))
            .ToList();
    }
}
