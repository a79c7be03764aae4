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
    public string? Team { get; private set; }
    public string OpenLongerThanDays { get; private set; } = ReportRequest.DefaultOpenLongerThanDays.ToString(CultureInfo.InvariantCulture);
    public string CsvLink { get; private set; } = "";

    /// <summary>The refused filter's field (its element id) and message, for the error summary and the field.</summary>
    public (string Id, string Message, string Text)? ProblemField => Problem is null ? null
        : Problem.Split(": ", 2) is [var key, var message] && Fields.TryGetValue(key, out var named) ? (named.Id, Sentence(message), $"{named.Label}: {message}")
        : ("from", Sentence(Problem), Sentence(Problem));

    private static readonly Dictionary<string, (string Id, string Label)> Fields = new()
    {
        ["from"] = ("from", "From"),
        ["to"] = ("to", "To"),
        ["openLongerThanDays"] = ("open-days", "Open longer than (days)"),
    };

    private static string Sentence(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    public async Task<IActionResult> OnGetAsync(DateTime? from, DateTime? to, string? team, int? openLongerThanDays, CancellationToken ct)
    {
        var user = HttpContext.CurrentUser();
        SeesAllTeams = user.SeesAllTeams;
        if (SeesAllTeams) Teams = await db.Cases.AsNoTracking().Select(c => c.Team).Distinct().OrderBy(t => t).ToListAsync(ct);
        var (request, status, problem) = ReportRequest.Check(Day(from), Day(to), team, openLongerThanDays, user, clock.GetUtcNow());
        if (status == StatusCodes.Status403Forbidden) return Forbid();
        if (request is null)
        {
            // The filters as sent, so the person corrects them rather than typing them again.
            (From, To, Team, OpenLongerThanDays) = (Request.Query["from"].ToString(), Request.Query["to"].ToString(), team, Request.Query["openLongerThanDays"].ToString());
            Problem = problem;
            return Page();
        }
        (From, To) = (Display.UkDay(request.From), Display.UkDay(request.To));
        OpenLongerThanDays = request.OpenLongerThanDays.ToString(CultureInfo.InvariantCulture);
        Team = request.Team;
        Summary = await reports.RunAsync(request.From, request.To, request.Team, request.OpenLongerThanDays, ct);
        CsvLink = $"/reports/csv?from={From}&to={To}&openLongerThanDays={OpenLongerThanDays}" + (request.Team is { } t ? $"&team={Uri.EscapeDataString(t)}" : "");
        return Page();
    }

    /// <summary>A day of the filter as the person means it: from midnight UK time.</summary>
    internal static DateTimeOffset? Day(DateTime? day) => day is { } d ? Display.UkDayStart(d) : null;
}
