using System.Text.Json;
using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Web.Escalation.Pages;

/// <summary><see cref="Level"/>: the rung the lateness has reached; <see cref="Sent"/>: the highest the sweep has recorded (and mailed).</summary>
public sealed record OverdueStep(Guid CaseId, string Reference, string Team, string Officer, string StepKey, string StepTitle,
    StepState State, DateTimeOffset DueAt, int Level, string Notify, EscalationRecord? Sent);

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
    /// <summary>Steps listed per team; the rest are counted (a board of thousands of rows is read by nobody).</summary>
    public const int ListedPerTeam = 25;

    public IReadOnlyList<OverdueStep> Steps { get; private set; } = [];
    /// <summary>Overdue steps per team and level (0: overdue, no rung reached yet).</summary>
    public IReadOnlyDictionary<string, SortedDictionary<int, int>> Counts { get; private set; } = new Dictionary<string, SortedDictionary<int, int>>();
    public IReadOnlyList<int> Levels { get; private set; } = [];
    public IReadOnlyList<DayCount> History { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public string Scope { get; private set; } = "";
    public int Total { get; private set; }
    public IReadOnlyList<PausedStep> Pauses { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = HttpContext.CurrentUser();
        Now = clock.GetUtcNow();
        var team = user.SeesAllTeams ? "" : user.Team;
        Scope = team == "" ? "all teams" : $"team {team}";
        var now = Now;
        Pauses = await PausedSteps.ForAsync(db, workflows, team, ct);

        // Only what the level needs, for every overdue step (the partial index on open steps' deadlines serves it) ...
        var overdue = await (
            from s in db.CaseSteps.AsNoTracking()
            join c in db.Cases.AsNoTracking() on s.CaseId equals c.Id
            where c.Status == CaseStatus.Open
                  && (s.State == StepState.Blocked || s.State == StepState.Available || s.State == StepState.Returned)
                  && s.DueAt < now
                  && (team == "" || c.Team == team)
            select new { s.CaseId, s.Key, s.State, DueAt = s.DueAt!.Value, c.Team, c.WorkflowKey, c.WorkflowVersion }).ToListAsync(ct);
        var levelled = overdue.Select(r =>
        {
            var definition = workflows.Get(r.WorkflowKey, r.WorkflowVersion);
            var step = definition.FindStep(r.Key);
            var rungs = step is null ? [] : EscalationLadder.DueLevels(definition.LadderFor(step), r.DueAt, now, new HashSet<int>());
            var top = rungs.MaxBy(x => x.Level);
            return (Row: r, Title: step?.Title ?? r.Key, Level: top?.Level ?? 0, Notify: top?.Notify ?? "");
        }).ToList();
        Total = levelled.Count;
        Counts = levelled.GroupBy(x => x.Row.Team).ToDictionary(g => g.Key,
            g => new SortedDictionary<int, int>(g.GroupBy(x => x.Level).ToDictionary(l => l.Key, l => l.Count())));
        Levels = levelled.Select(x => x.Level).Distinct().OrderDescending().ToList();

        // ... and the details of those listed: the highest level and longest overdue of each team.
        var listed = levelled.GroupBy(x => x.Row.Team)
            .SelectMany(g => g.OrderByDescending(x => x.Level).ThenBy(x => x.Row.DueAt).Take(ListedPerTeam)).ToList();
        var ids = listed.Select(x => x.Row.CaseId).Distinct().ToList();
        var cases = await (
            from c in db.Cases.AsNoTracking()
            where ids.Contains(c.Id)
            join u in db.Users.AsNoTracking() on c.OfficerId equals u.Id into officers
            from o in officers.DefaultIfEmpty()
            select new { c.Id, c.Reference, Officer = o == null ? c.OfficerId : o.DisplayName }).ToDictionaryAsync(x => x.Id, ct);
        var sent = (await db.Escalations.AsNoTracking().Where(e => ids.Contains(e.CaseId) && e.ItemId == null).ToListAsync(ct))
            .GroupBy(e => (e.CaseId, e.StepKey, e.DueAt)).ToDictionary(g => g.Key, g => g.MaxBy(e => e.Level)!); // levels count per deadline
        Steps = listed.Select(x => new OverdueStep(x.Row.CaseId, cases[x.Row.CaseId].Reference, x.Row.Team, cases[x.Row.CaseId].Officer,
                x.Row.Key, x.Title, x.Row.State, x.Row.DueAt, x.Level, x.Notify, sent.GetValueOrDefault((x.Row.CaseId, x.Row.Key, x.Row.DueAt))))
            .OrderBy(s => s.Team, StringComparer.Ordinal).ThenByDescending(s => s.Level).ThenBy(s => s.DueAt).ToList();

        // Each point is the same time of day as now, one day apart, ending now. A step is open from its
        // case's opening until it is completed or the case closed (as far as the step table knows), and
        // overdue from its deadline until then. Counting those starts and stops per day and summing them
        // up reads each step once (a join of every step with every day took three times as long).
        var from = now.AddDays(-(Days - 1));
        History = await db.Database.SqlQuery<DayCount>($"""
            WITH x AS (
                SELECT c.opened_at AS start, least(s.completed_at, c.closed_at) AS stop,
                       CASE WHEN s.due_at IS NULL THEN NULL ELSE greatest(c.opened_at, s.due_at) END AS late
                FROM case_steps s JOIN cases c ON c.id = s.case_id
                WHERE s.state <> 'NotApplicable' AND ({team} = '' OR c.team = {team})
                  AND (c.closed_at IS NULL OR c.closed_at > {from}::timestamptz)
                  AND (s.completed_at IS NULL OR s.completed_at > {from}::timestamptz)
            ), changes AS (
                SELECT start AS at, 1 AS open, 0 AS overdue FROM x
                UNION ALL SELECT stop, -1, 0 FROM x WHERE stop IS NOT NULL
                UNION ALL SELECT late, 0, 1 FROM x WHERE late IS NOT NULL AND (stop IS NULL OR late < stop)
                UNION ALL SELECT stop, 0, -1 FROM x WHERE late IS NOT NULL AND stop IS NOT NULL AND late < stop
            ), per_day AS (
                SELECT greatest(0, ceil(extract(epoch FROM at - {from}::timestamptz) / 86400))::int AS day,
                       sum(open) AS open, sum(overdue) AS overdue
                FROM changes WHERE at <= {now}::timestamptz GROUP BY 1
            )
            SELECT {from}::timestamptz + d.day * interval '1 day' AS "Day",
                   (sum(coalesce(p.open, 0)) OVER (ORDER BY d.day))::int AS "Open",
                   (sum(coalesce(p.overdue, 0)) OVER (ORDER BY d.day))::int AS "Overdue"
            FROM generate_series(0, {Days - 1}) AS d(day) LEFT JOIN per_day p ON p.day = d.day
            ORDER BY d.day
            """).ToListAsync(ct);
    }

    public string Series(Func<DayCount, object> pick) => JsonSerializer.Serialize(History.Select(pick));
}
