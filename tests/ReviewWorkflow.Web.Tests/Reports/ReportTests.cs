using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewWorkflow.Web.Tests.FamilyInformation;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Reports;

/// <summary>
/// The app with the report's dataset, made once: two east cases walked to closure at set hours, one
/// with a return at sign-off; an east case left open with a family item unanswered past its deadline;
/// a west case; and information reaching a closed case. The escalation sweep runs at hour 80, when
/// the open cases' work is late. Clients sign in again at each hour (tokens last 1 h).
/// </summary>
public sealed class ReportApp : Escalation.EscalationApp
{
    public DateTimeOffset T0 { get; private set; }
    public string A { get; private set; } = "";
    public string B { get; private set; } = "";
    public string C { get; private set; } = "";
    public string D { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        T0 = Clock.GetUtcNow();
        var officer = await OfficerAsync();
        A = (await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase())).Id();
        B = (await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase())).Id();
        C = (await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase())).Id();
        D = (await (await WestOfficerAsync()).CreateCaseAsync(ProcedureWalk.IsolatedCase())).Id();
        await officer.LoggedAsync(C, Register.Item(T0.AddHours(-1)));

        await At(1, async (o, _) => { await o.CompleteWorkAsync(A); await o.CompleteWorkAsync(B); });
        await At(10, async (o, s) =>
        {
            await s.SignOffAsync(A, "approve").OkAsync();
            await s.SignOffAsync(B, "return", "The devices need an examination decision each.", ["digital-devices"]).OkAsync();
            await o.CompleteWorkAsync(B);
        });
        await At(20, async (o, s) => { await o.ClassifyAsync(A, "not-suspicious").OkAsync(); await s.ApproveClassificationAsync(A).OkAsync(); });
        await At(30, async (o, s) => { await o.CloseAsync(A).OkAsync(); await s.SignOffAsync(B, "approve").OkAsync(); });
        await At(40, async (o, s) => { await o.ClassifyAsync(B, "not-suspicious").OkAsync(); await s.ApproveClassificationAsync(B).OkAsync(); });
        await At(50, (o, _) => o.CloseAsync(B).OkAsync());
        // Past the open item's deadline (72 h from receipt); then information reaches the closed case A.
        await At(80, (o, _) => o.LoggedAsync(A, Register.Item(T0.AddHours(80))));
        await SweepAsync();
    }

    private async Task At(int hours, Func<HttpClient, HttpClient, Task> work)
    {
        Clock.SetUtcNow(T0.AddHours(hours));
        await work(await OfficerAsync(), await SupervisorAsync());
    }
}

/// <summary>The oversight measures on <see cref="ReportApp"/>'s dataset, whose answers are known.</summary>
public sealed class ReportTests(ReportApp app) : IClassFixture<ReportApp>
{
    private string Query(string? team = null) =>
        $"/api/reports/summary?from={Uri.EscapeDataString(app.T0.AddDays(-1).ToString("O"))}&to={Uri.EscapeDataString(app.T0.AddDays(1).ToString("O"))}&openLongerThanDays=1"
        + (team is null ? "" : $"&team={team}");

    [Fact]
    public async Task ASupervisorsReportOfTheirTeamHasTheKnownFigures()
    {
        var report = await (await app.SupervisorAsync()).GetFromJsonAsync<JsonElement>(Query());

        Assert.Equal("east", report.GetProperty("team").GetString());
        Assert.Equal(3, report.GetProperty("cases").GetInt32());
        AssertFigure(report, "timings", "to classification, median", 30, [app.A, app.B]);
        AssertFigure(report, "timings", "to classification, 90th percentile", 40, [app.B]);
        AssertFigure(report, "timings", "to sign-off, median", 20, [app.A, app.B]);
        AssertFigure(report, "timings", "to sign-off, 90th percentile", 30, [app.B]);
        AssertFigure(report, "timings", "to closure, median", 40, [app.A, app.B]);
        AssertFigure(report, "timings", "to closure, 90th percentile", 50, [app.B]);
        AssertFigure(report, "returns", "Digital devices", 1, [app.B]);
        AssertFigure(report, "family-information", "items per case", 0.67, [app.A, app.C]);
        AssertFigure(report, "family-information", "items answered late", 1, [app.C]);
        AssertFigure(report, "family-information", "time to answer, median", null, []);
        AssertFigure(report, "linkage", "candidates per case", 0, []);
        AssertFigure(report, "linkage", "share dispositioned linked", null, []);
        AssertFigure(report, "open-and-reopened", "open longer than 1 days", 1, [app.C]);
        AssertFigure(report, "open-and-reopened", "closed as not suspicious, reopened for review", 1, [app.A]);
        foreach (var section in report.GetProperty("sections").EnumerateArray())
            Assert.False(string.IsNullOrWhiteSpace(section.GetProperty("definition").GetString()));
    }

    [Fact]
    public async Task LateStepsAndEscalationsAreCountedFromWhatTheSweepRecorded()
    {
        var report = await (await app.SupervisorAsync()).GetFromJsonAsync<JsonElement>(Query());
        var all = await (await app.InspectorAsync()).GetFromJsonAsync<JsonElement>(Query());

        // A and B did their work within the hour. C and D did nothing: every step due by hour 80 ran
        // late, blocked or not (deadlines run from the opening): the initial report (due at hour 4) and
        // the three steps due at hour 24, each past all three rungs (+0, +12, +48 h) by hour 80.
        string[] late = ["Family notified and liaison named", "Initial report of the discovery",
            "Intelligence checks on finder, reporter and associates", "Linkage check against recorded deaths"];
        Assert.Equal(late, Labels(report, "late-steps"));
        foreach (var step in late)
        {
            AssertFigure(report, "late-steps", step, 1, [app.C]);
            AssertFigure(all, "late-steps", step, 2, [app.C, app.D]);
        }
        // Four steps at every rung; C's family item (due at hour 71) at the first only.
        AssertFigure(report, "escalations", "level 1 (assignee)", 5, [app.C]);
        AssertFigure(report, "escalations", "level 2 (supervisor)", 4, [app.C]);
        AssertFigure(report, "escalations", "level 3 (inspector)", 4, [app.C]);
        AssertFigure(all, "escalations", "level 3 (inspector)", 8, [app.C, app.D]);
    }

    private static string[] Labels(JsonElement report, string section) =>
        [.. report.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("key").GetString() == section)
            .GetProperty("figures").EnumerateArray().Select(f => f.GetProperty("label").GetString()!)];

    [Fact]
    public async Task AnInspectorSeesAllTeamsOrOne()
    {
        var inspector = await app.InspectorAsync();
        var all = await inspector.GetFromJsonAsync<JsonElement>(Query());
        var west = await inspector.GetFromJsonAsync<JsonElement>(Query("west"));

        Assert.Equal(JsonValueKind.Null, all.GetProperty("team").ValueKind);
        Assert.Equal(4, all.GetProperty("cases").GetInt32());
        AssertFigure(all, "open-and-reopened", "open longer than 1 days", 2, [app.C, app.D]);
        Assert.Equal(1, west.GetProperty("cases").GetInt32());
        AssertFigure(west, "open-and-reopened", "open longer than 1 days", 1, [app.D]);
    }

    [Fact]
    public async Task TheCsvHasOneRowPerFigure()
    {
        var supervisor = await app.SupervisorAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, Query());
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var response = await supervisor.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal("measure,figure,value,unit,cases", lines[0]);
        Assert.Contains("timings,\"to closure, median\",40,hours,2", lines);
        Assert.Contains("returns,Digital devices,1,returns,1", lines);
        Assert.Contains("linkage,share dispositioned linked,,%,0", lines);
    }

    [Fact]
    public async Task OthersAndBadPeriodsAreRefused()
    {
        var supervisor = await app.SupervisorAsync();
        await (await supervisor.GetAsync(Query("west"))).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.OfficerAsync()).GetAsync(Query())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.AdminAsync()).GetAsync(Query())).StatusCode);
        var backwards = await (await supervisor.GetAsync("/api/reports/summary?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("from: must be before to", backwards.GetProperty("detail").GetString());
        await (await supervisor.GetAsync("/api/reports/summary?from=yesterday")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await supervisor.GetAsync(Query() + "&openLongerThanDays=0")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    private static void AssertFigure(JsonElement report, string section, string label, double? value, string[] caseIds)
    {
        var figure = report.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("key").GetString() == section)
            .GetProperty("figures").EnumerateArray().SingleOrDefault(f => f.GetProperty("label").GetString() == label);
        Assert.True(figure.ValueKind == JsonValueKind.Object, $"{section}: no figure '{label}' in {report.GetProperty("sections")}");
        if (value is null) Assert.Equal(JsonValueKind.Null, figure.GetProperty("value").ValueKind);
        else Assert.Equal(value.Value, figure.GetProperty("value").GetDouble(), 2);
        Assert.Equal(caseIds.Order(), figure.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).Order());
        Assert.Equal(caseIds.Length, figure.GetProperty("caseCount").GetInt32());
    }
}
