using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewWorkflow.Engine;
using ReviewWorkflow.Engine.Evaluation;
using ReviewWorkflow.Web.Cases;
using ReviewWorkflow.Web.Data;
using ReviewWorkflow.Web.Ui;
using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Web.Escalation.Pages;

public sealed record OverdueStep(Guid CaseId, string Reference, string Team, string Officer, string StepTitle,
    StepState State, DateTimeOffset DueAt, int Level, string Notify);

public sealed record DayCount(DateTimeOffset Day, int Open, int Overdue);

/// <summary>
/// Late work by team and escalation level, and how open and overdue steps moved over 30 days.
/// The level is the highest rung of the step's ladder that its lateness has reached, asked of the
/// engine with the definition the case runs on.
/// </summary>
[Authorize(Roles = $"{Roles.Supervisor},{Roles.Inspector},{Roles.Admin}")]
public sealed class OverdueModel(ReviewDb db, WorkflowRegistry workflows, TimeProvider clock) : PageModel
{
    public const int Days = 30;

    public IReadOnlyList<OverdueStep> Steps { get; private set; } = [];
    public IReadOnlyList<DayCount> History { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public string Scope { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = HttpContext.CurrentUser();
        Now = clock.GetUtcNow();
        var team = user.SeesAllTeams ? "" : user.Team;
        Scope = team == "" ? "all teams" : $"team {team}";
        var now = Now;
        var query =
            from s in db.CaseSteps.AsNoTracking()
            join c in db.Cases.AsNoTracking() on s.CaseId equals c.Id
            join u in db.Users.AsNoTracking() on c.OfficerId equals u.Id into officers
            from o in officers.DefaultIfEmpty()
            where c.Status == CaseStatus.Open
                  && (s.State == StepState.Blocked || s.State == StepState.Available || s.State == StepState.Returned)
                  && s.DueAt < now
                  && (team == "" || c.Team == team)
            select new { c.Id, c.Reference, c.Team, Officer = o == null ? c.OfficerId : o.DisplayName, c.WorkflowKey, c.WorkflowVersion, s.Key, s.State, DueAt = s.DueAt!.Value };
        var rows = await query.ToListAsync(ct);
        Steps = rows.Select(r =>
        {
            var definition = workflows.Get(r.WorkflowKey, r.WorkflowVersion);
            var step = definition.FindStep(r.Key);
            var rungs = step is null ? [] : CaseEvaluator.DueRungs(definition.LadderFor(step), r.DueAt, now, new HashSet<int>());
            var top = rungs.MaxBy(x => x.Level);
            return new OverdueStep(r.Id, r.Reference, r.Team, r.Officer, step?.Title ?? r.Key, r.State, r.DueAt, top?.Level ?? 0, top?.Notify ?? "");
        }).OrderBy(s => s.Team, StringComparer.Ordinal).ThenByDescending(s => s.Level).ThenBy(s => s.DueAt).ToList();

        // Each point is the same time of day as now, one day apart, ending now; a step counts as open at
        // a point if its case was open then and it was not yet completed (as far as the step table knows).
        var from = now.AddDays(-(Days - 1));
        History = await db.Database.SqlQuery<DayCount>($"""
            SELECT d.day AS "Day",
                   count(x.case_id)::int AS "Open",
                   (count(x.case_id) FILTER (WHERE x.due_at < d.day))::int AS "Overdue"
            FROM generate_series({from}::timestamptz, {now}::timestamptz, interval '1 day') AS d(day)
            LEFT JOIN (
                SELECT s.case_id, s.due_at, s.completed_at, c.opened_at, c.closed_at
                FROM case_steps s JOIN cases c ON c.id = s.case_id
                WHERE s.state <> 'NotApplicable' AND ({team} = '' OR c.team = {team})
                  AND (c.closed_at IS NULL OR c.closed_at > {from}::timestamptz)
            ) x ON x.opened_at <= d.day AND (x.closed_at IS NULL OR x.closed_at > d.day)
               AND (x.completed_at IS NULL OR x.completed_at > d.day)
            GROUP BY d.day
            ORDER BY d.day
            """).ToListAsync(ct);
    }

    public string Series(Func<DayCount, object> pick) => JsonSerializer.Serialize(History.Select(pick));
}
