using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ReviewWorkflow.Web.Reports;

/// <summary>The period, team and threshold of a report, checked: supervisors get their own team, inspectors any or all.</summary>
public sealed record ReportRequest(DateTimeOffset From, DateTimeOffset To, string? Team, int OpenLongerThanDays)
{
    public const int DefaultDays = 365, DefaultOpenLongerThanDays = 90, LongestPeriodDays = 10 * 366;

    /// <summary>The request as the user may have it, or the problem: status and sentence.</summary>
    public static (ReportRequest? Request, int Status, string? Problem) Check(DateTimeOffset? from, DateTimeOffset? to, string? team,
        int? openLongerThanDays, CurrentUser user, DateTimeOffset now)
    {
        var end = to ?? now;
        var start = from ?? end.AddDays(-DefaultDays);
        if (start >= end) return (null, 400, "from: must be before to");
        if ((end - start).TotalDays > LongestPeriodDays) return (null, 400, $"to: the period is at most {LongestPeriodDays} days");
        var threshold = openLongerThanDays ?? DefaultOpenLongerThanDays;
        if (threshold is < 1 or > 3650) return (null, 400, "openLongerThanDays: between 1 and 3650");
        team = string.IsNullOrWhiteSpace(team) ? null : team.Trim();
        if (user.Role == Roles.Supervisor)
        {
            if (team is not null && team != user.Team) return (null, 403, "a supervisor sees the reports of their own team only");
            team = user.Team;
        }
        return (new ReportRequest(start, end, team, threshold), 200, null);
    }
}

public static class ReportEndpoints
{
    public static void MapReports(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/reports/summary", async Task<Results<Ok<ReportSummary>, ContentHttpResult, ProblemHttpResult>>
            (DateTimeOffset? from, DateTimeOffset? to, string? team, int? openLongerThanDays, HttpRequest http,
             ReportQuery reports, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
        {
            var (request, status, problem) = ReportRequest.Check(from, to, team, openLongerThanDays, user, clock.GetUtcNow());
            if (request is null)
                return TypedResults.Problem(problem, statusCode: status, title: status == 403 ? "Not your team" : "The report's period or team is not valid");
            var summary = await reports.RunAsync(request.From, request.To, request.Team, request.OpenLongerThanDays, ct);
            var wantsCsv = http.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));
            return wantsCsv ? TypedResults.Text(Csv(summary), "text/csv", Encoding.UTF8) : TypedResults.Ok(summary);
        })
        .WithTags("Reports").WithName("GetReportSummary")
        .WithSummary("Oversight measures over the cases opened in a period, for one team or all")
        .WithDescription("from and to (default: the last 365 days), team (supervisors: their own; inspectors: any, or all when omitted), openLongerThanDays (default 90). JSON, or CSV with Accept: text/csv.")
        .Produces<ReportSummary>(StatusCodes.Status200OK, "application/json", "text/csv")
        .RequireAuthorization(p => p.RequireRole(Roles.Supervisor, Roles.Inspector));
    }

    /// <summary>One row per figure: the measure, the figure, its value and unit, and how many cases are behind it.</summary>
    public static string Csv(ReportSummary summary)
    {
        var csv = new StringBuilder("measure,figure,value,unit,cases\n");
        foreach (var s in summary.Sections)
            foreach (var f in s.Figures)
                csv.Append(Field(s.Key)).Append(',').Append(Field(f.Label)).Append(',')
                    .Append(f.Value?.ToString(CultureInfo.InvariantCulture) ?? "").Append(',').Append(Field(f.Unit)).Append(',')
                    .Append(f.CaseCount.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return csv.ToString();
    }

    // A cell starting with = + - @ would be a formula to a spreadsheet; quoting and a leading apostrophe keep it text.
    private static string Field(string text)
    {
        var safe = text.Length > 0 && "=+-@".Contains(text[0]) ? "'" + text : text;
        return safe.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + safe.Replace("\"", "\"\"") + "\"" : safe;
    }
}
