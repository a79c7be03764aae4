using System.Globalization;
using System.Text;

namespace ReviewWorkflow.Web.Reports.Pages;

/// <summary>The reports page's figures as CSV, for the signed-in browser (the API answers bearer tokens only).</summary>
[Authorize(Roles = $"{Roles.Supervisor},{Roles.Inspector}")]
public sealed class CsvModel(ReportQuery reports, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(DateTime? from, DateTime? to, string? team, int? openLongerThanDays, CancellationToken ct)
    {
        var (request, status, problem) = ReportRequest.Check(IndexModel.Day(from), IndexModel.Day(to), team, openLongerThanDays, HttpContext.CurrentUser(), clock.GetUtcNow());
        if (status == StatusCodes.Status403Forbidden) return Forbid();
        if (request is null) return BadRequest(problem ?? "the report is not valid");
        var summary = await reports.RunAsync(request.From, request.To, request.Team, request.OpenLongerThanDays, ct);
        var name = string.Create(CultureInfo.InvariantCulture, $"report-{request.Team ?? "all-teams"}-{Display.UkDay(request.From)}-{Display.UkDay(request.To)}.csv");
        return File(Encoding.UTF8.GetBytes(ReportEndpoints.Csv(summary)), "text/csv", CaseFile.FileNames.Safe(name[..^4]) + ".csv");
    }
}
