using System.Globalization;

namespace ReviewWorkflow.Web.Reports.Pages;

/// <summary>The oversight reports: the same measures as GET /api/reports/summary, with their definitions and charts.</summary>
[Authorize(Roles = $"{Roles.Supervisor},{Roles.Inspector}")]
public sealed class IndexModel(ReportQuery reports, ReviewDb db, TimeProvider clock) : PageModel
{
    public ReportSummary? Summary { get; private set; }
    public string? Problem { get; private set; }
    public bool SeesAllTeams { get; private set; }
    public IReadOnlyList<string> Teams { get; private set; } = [];
    public string From { get; private set; } = "";
    public string To { get; private set; } = "";
    public int OpenLongerThanDays { get; private set; } = ReportRequest.DefaultOpenLongerThanDays;
    public string CsvLink { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(DateTime? from, DateTime? to, string? team, int? openLongerThanDays, CancellationToken ct)
    {
        var user = HttpContext.CurrentUser();
        SeesAllTeams = user.SeesAllTeams;
        if (SeesAllTeams) Teams = await db.Cases.AsNoTracking().Select(c => c.Team).Distinct().OrderBy(t => t).ToListAsync(ct);
        var (request, status, problem) = ReportRequest.Check(Utc(from), Utc(to), team, openLongerThanDays, user, clock.GetUtcNow());
        if (status == StatusCodes.Status403Forbidden) return Forbid();
        if (request is null)
        {
            Problem = problem;
            return Page();
        }
        From = request.From.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        To = request.To.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        OpenLongerThanDays = request.OpenLongerThanDays;
        Summary = await reports.RunAsync(request.From, request.To, request.Team, request.OpenLongerThanDays, ct);
        CsvLink = $"/reports/csv?from={From}&to={To}&openLongerThanDays={OpenLongerThanDays}" + (request.Team is { } t ? $"&team={Uri.EscapeDataString(t)}" : "");
        return Page();
    }

    private static DateTimeOffset? Utc(DateTime? day) => day is { } d ? new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)) : null;
}
