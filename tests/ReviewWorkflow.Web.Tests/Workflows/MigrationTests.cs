using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReviewWorkflow.Web.Workflows;
using ReviewWorkflow.Web.Tests.Escalation;
using ReviewWorkflow.Web.Tests.Security;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Workflows;

/// <summary>
/// Moving open cases from the procedure's v1 to v2 (the fixture starts new cases on v1; v2 is loaded beside it),
/// and a case from the proportionate route to the full procedure.
/// </summary>
public sealed class MigrationTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private static readonly object V1 = new { key = "unexplained-death", version = 1 };
    private static readonly object V2 = new { key = "unexplained-death", version = 2 };

    private static Task<HttpResponseMessage> MigrateAsync(HttpClient admin, IEnumerable<string> cases, bool apply, string[]? redo = null) =>
        admin.PostAsJsonAsync("/api/admin/migrations", new { from = V1, to = V2, cases, redo = redo ?? [], apply });

    private static JsonElement For(JsonElement report, string id) =>
        report.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("caseId").GetString() == id);

    private static List<string> Pairs(JsonElement list) =>
        [.. list.EnumerateArray().Select(a => $"{a.GetProperty("step").GetString()}.{a.GetProperty("field").GetString()}")];

    [Fact]
    public async Task CasesAtEveryStageMoveFromV1ToV2ExceptClosedOnesAfterADryRunThatChangesNothing()
    {
        var (officer, supervisor, admin) = (await app.OfficerAsync(), await app.SupervisorAsync(), await app.AdminAsync());
        var fresh = (await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase())).Id();
        var halfDone = (await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase())).Id();
        await officer.CompleteAsync(halfDone, "initial-report", Api.InitialReport).OkAsync();
        var awaitingSignOff = (await officer.ToReadyForSignOffAsync()).Id();
        var returned = (await officer.ToReadyForSignOffAsync()).Id();
        await supervisor.SignOffAsync(returned, "return", "The device decisions need a rationale per device.", ["digital-devices"]).OkAsync();
        var classified = (await officer.ToReadyToCloseAsync(supervisor)).Id();
        var closed = (await officer.ToClosedAsync(supervisor)).Id();
        string[] all = [fresh, halfDone, awaitingSignOff, returned, classified, closed];

        var before = await app.SnapshotAsync();
        var dry = await MigrateAsync(admin, all, apply: false).OkAsync();
        await app.AssertUnchangedSinceAsync(before);

        Assert.Equal(6, dry.GetProperty("cases").GetInt32());
        Assert.Equal(5, dry.GetProperty("canApply").GetInt32());
        Assert.Equal(0, dry.GetProperty("applied").GetInt32());
        Assert.Contains("closed cases are not migrated", For(dry, closed).GetProperty("refusals").Strings().Single());
        Assert.Contains("early-review", For(dry, fresh).GetProperty("stepsAdded").Strings());
        Assert.Contains("initial-report.address", Pairs(For(dry, halfDone).GetProperty("answersCarried")));
        Assert.Empty(For(dry, awaitingSignOff).GetProperty("approvalsLapsing").EnumerateArray());
        var lapsing = For(dry, classified).GetProperty("approvalsLapsing").EnumerateArray().Select(a => a.GetProperty("step").GetString()).ToList();
        Assert.Contains("supervisor-review", lapsing);
        var redo = For(dry, returned).GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("step").GetString() == "digital-devices");
        Assert.Equal(redo.GetProperty("before").GetDateTimeOffset(), redo.GetProperty("dueAt").GetDateTimeOffset());

        var applied = await MigrateAsync(admin, all, apply: true).OkAsync();

        Assert.Equal(5, applied.GetProperty("applied").GetInt32());
        foreach (var id in all.Except([closed]))
        {
            var c = await officer.GetCaseAsync(id);
            Assert.Equal(2, c.GetProperty("workflow").GetProperty("version").GetInt32());
            Assert.Contains(c.GetProperty("steps").EnumerateArray(), s => s.GetProperty("key").GetString() == "coroner-informed");
            var audit = await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/audit");
            Assert.Single(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "case.migrated");
        }
        Assert.Equal(1, (await officer.GetCaseAsync(closed)).GetProperty("workflow").GetProperty("version").GetInt32());
        var moved = await officer.GetCaseAsync(classified);
        Assert.Equal("available", moved.StateOf("initial-categorisation"));
        Assert.Equal("blocked", moved.StateOf("early-review"));
        Assert.Equal("returned", (await officer.GetCaseAsync(returned)).StateOf("digital-devices"));
        Assert.Equal("completed", (await officer.GetCaseAsync(halfDone)).StateOf("initial-report"));
        Assert.Equal(0, (await MigrateAsync(admin, [], apply: false).OkAsync()).GetProperty("cases").GetInt32());

        // Escalation follows the new deadlines: the step v2 added is due two hours after the move.
        var freshCase = await officer.GetCaseAsync(fresh);
        app.Clock.Advance(TimeSpan.FromHours(2));
        await app.SweepAsync();
        Assert.Contains(("initial-categorisation", 1, "assignee"), app.EscalationsOf(freshCase));
        var audited = await (await app.AdminAsync()).GetFromJsonAsync<JsonElement>("/api/audit/verify");
        Assert.True(audited.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task TheProportionateRouteMovesToTheFullProcedureOnlyBySupervisorAndOnlyWithTheInitialReportRedone()
    {
        var (officer, supervisor) = (await app.OfficerAsync(), await app.SupervisorAsync());
        var id = (await officer.CreateCaseAsync(WorkflowChoiceTests.CaseOn("expected-death"))).Id();
        await officer.CompleteAsync(id, "initial-report", new
        {
            fields = new Dictionary<string, object>
            {
                ["discoveredAt"] = "2014-06-19T04:05:00Z", ["address"] = "12 Acacia Avenue", ["foundBy"] = new { name = "Home carer" },
                ["reportedBy"] = new { name = "Home carer" },
            },
        }).OkAsync();
        var path = $"/api/cases/{id}/workflow";

        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync(path, new { workflow = "unexplained-death", apply = true })).StatusCode);
        var dry = await supervisor.PostAsJsonAsync(path, new { workflow = "unexplained-death" }).OkAsync();
        var refused = await (await supervisor.PostAsJsonAsync(path, new { workflow = "unexplained-death", apply = true }))
            .ProblemAsync(HttpStatusCode.Conflict);
        var moved = await supervisor.PostAsJsonAsync(path, new { workflow = "unexplained-death", redo = new[] { "initial-report" }, apply = true }).OkAsync();

        Assert.False(dry.GetProperty("canApply").GetBoolean());
        Assert.Contains("initial-report.attendingOfficers", Pairs(dry.GetProperty("answersLost")));
        Assert.Contains("initial-report: completed answers would be lost or invalid", refused.GetProperty("detail").GetString());
        Assert.True(moved.GetProperty("applied").GetBoolean());
        Assert.Equal("unexplained-death v2", moved.GetProperty("to").GetString());
        var c = await officer.GetCaseAsync(id);
        Assert.Equal("unexplained-death", c.GetProperty("workflow").GetProperty("key").GetString());
        Assert.Equal("returned", c.StateOf("initial-report"));
        Assert.DoesNotContain(c.GetProperty("steps").EnumerateArray(), s => s.GetProperty("key").GetString() == "medical-certification");
    }

    [Fact]
    public async Task NoCaseMovesOffTheFullProcedureOrBackAVersionAndBadRequestsNameTheirField()
    {
        var (officer, supervisor, admin) = (await app.OfficerAsync(), await app.SupervisorAsync(), await app.AdminAsync());
        var id = (await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase())).Id();
        var before = await app.SnapshotAsync();

        var shorter = await (await supervisor.PostAsJsonAsync($"/api/cases/{id}/workflow", new { workflow = "expected-death", apply = true }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var back = await (await admin.PostAsJsonAsync("/api/admin/migrations", new { from = V2, to = V1, apply = true })).ProblemAsync(HttpStatusCode.BadRequest);
        var unknown = await (await admin.PostAsJsonAsync("/api/admin/migrations", new { from = V1, to = new { key = "unexplained-death", version = 9 } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var notACase = await (await admin.PostAsJsonAsync("/api/admin/migrations", new { from = V1, to = V2, cases = new[] { "UD-1900-000000" } }))
            .ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("only onto the full procedure", shorter.GetProperty("errors").GetProperty("workflow")[0].GetString());
        Assert.Contains("later version", back.GetProperty("errors").GetProperty("to")[0].GetString());
        Assert.Contains("no workflow unexplained-death v9", unknown.GetProperty("errors").GetProperty("to")[0].GetString());
        Assert.Contains("no case 'UD-1900-000000'", notACase.GetProperty("errors").GetProperty("cases")[0].GetString());
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task TheMigrateCommandPrintsThePlanAndAppliesIt()
    {
        var officer = await app.OfficerAsync();
        var reference = (await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase())).GetProperty("reference").GetString()!;

        var (dryCode, dryOutput) = await RunAsync("migrate", "--from", "unexplained-death/1", "--to", "unexplained-death/2", reference);
        var (code, output) = await RunAsync("migrate", "--from", "unexplained-death/1", "--to", "unexplained-death/2", "--apply", reference);

        Assert.True(dryCode == 0, dryOutput);
        Assert.Contains($"{reference}: unexplained-death v1 -> unexplained-death v2: can move", dryOutput);
        Assert.Contains("steps added: initial-categorisation, early-review, scene", dryOutput);
        Assert.Contains("1 case(s) on unexplained-death v1: 1 can move to unexplained-death v2 (dry run)", dryOutput);
        Assert.True(code == 0, output);
        Assert.Contains($"{reference}: unexplained-death v1 -> unexplained-death v2: moved", output);
    }

    private static string Figure(string name, int value) =>
        $"<dt class=\"govuk-summary-list__key\">{name}</dt><dd class=\"govuk-summary-list__value\">{value}</dd>";

    private Task<(int Code, string Output)> RunAsync(params string[] args) => AppCommand.RunAsync(app.ConnectionString, args);

    [Fact]
    public async Task TheMigrationPageShowsTheDryRunThenAppliesIt()
    {
        var officer = await app.OfficerAsync();
        var fresh = await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase());
        var halfDone = await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase());
        await officer.CompleteAsync(halfDone.Id(), "initial-report", Api.InitialReport).OkAsync();
        var references = new[] { fresh, halfDone }.Select(c => c.GetProperty("reference").GetString()!).ToList();
        var page = await PageSession.SignedInAsync(app, "admin@demo.local");

        async Task<string> SubmitAsync(string handler) =>
            await (await page.PostAsync($"/admin/migrations?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["From"] = "unexplained-death/1", ["To"] = "unexplained-death/2", ["Cases"] = string.Join("\n", references), ["Redo"] = "",
                ["__RequestVerificationToken"] = await PageSession.AntiforgeryTokenAsync(page, "/admin/migrations"),
            }))).EnsureSuccessStatusCode().Content.ReadAsStringAsync();

        var before = await app.SnapshotAsync();
        var dry = WebUtility.HtmlDecode(await SubmitAsync("DryRun"));
        await app.AssertUnchangedSinceAsync(before);
        // Versions and steps by their titles, the figures as a GOV.UK summary list.
        var (v1, v2) = (app.Services.GetRequiredService<WorkflowRegistry>().Get("unexplained-death", 1), app.Services.GetRequiredService<WorkflowRegistry>().Get("unexplained-death", 2));
        Assert.Contains($"Dry run: {v1.Title}, version 1 to {v2.Title}, version 2", dry);
        Assert.Contains(Figure("Cases", 2), dry);
        Assert.Contains(Figure("Can move", 2), dry);
        Assert.DoesNotContain(">Moved<", dry);
        Assert.All(references, r => Assert.Contains(r, dry));
        Assert.Contains(v2.FindStep("early-review")!.Title, dry); // a step v2 adds, listed per case by its title
        Assert.Equal(1, (await officer.GetCaseAsync(fresh.Id())).GetProperty("workflow").GetProperty("version").GetInt32());

        var applied = WebUtility.HtmlDecode(await SubmitAsync("Apply"));
        Assert.Contains($"Applied: {v1.Title}, version 1 to {v2.Title}, version 2", applied);
        Assert.Contains(Figure("Can move", 2), applied);
        Assert.Contains(Figure("Moved", 2), applied);
        foreach (var c in new[] { fresh, halfDone })
            Assert.Equal(2, (await officer.GetCaseAsync(c.Id())).GetProperty("workflow").GetProperty("version").GetInt32());
        Assert.Equal("completed", (await officer.GetCaseAsync(halfDone.Id())).StateOf("initial-report"));
    }
    [Fact]
    public async Task TheMigrationPageOffersTheStepsToRedoByTitleAndMovesTheCaseOnlyWithThemTicked()
    {
        var officer = await app.OfficerAsync();
        var created = await officer.CreateCaseAsync(WorkflowChoiceTests.CaseOn("expected-death"));
        await officer.CompleteAsync(created.Id(), "initial-report", new
        {
            fields = new Dictionary<string, object>
            {
                ["discoveredAt"] = "2014-06-19T04:05:00Z", ["address"] = "12 Acacia Avenue", ["foundBy"] = new { name = "Home carer" },
                ["reportedBy"] = new { name = "Home carer" },
            },
        }).OkAsync();
        var reference = created.GetProperty("reference").GetString()!;
        var page = await PageSession.SignedInAsync(app, "admin@demo.local");
        var title = app.Services.GetRequiredService<WorkflowRegistry>().Get("unexplained-death", 2).FindStep("initial-report")!.Title;

        async Task<string> SubmitAsync(string handler, params string[] redo)
        {
            var fields = new List<KeyValuePair<string, string>>
            {
                new("From", "expected-death/1"), new("To", "unexplained-death/2"), new("Cases", reference),
                new("__RequestVerificationToken", await PageSession.AntiforgeryTokenAsync(page, "/admin/migrations")),
            };
            fields.AddRange(redo.Select(r => new KeyValuePair<string, string>("Redo", r)));
            var response = await page.PostAsync($"/admin/migrations?handler={handler}", new FormUrlEncodedContent(fields));
            return WebUtility.HtmlDecode(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync());
        }

        // Nothing to redo is offered before a plan says so.
        Assert.DoesNotContain("name=\"Redo\"", WebUtility.HtmlDecode(await page.GetStringAsync("/admin/migrations")));
        var dry = await SubmitAsync("DryRun");
        Assert.Contains($"value=\"initial-report\"><label class=\"govuk-label govuk-checkboxes__label\" for=\"Redo\">{title}</label>", dry);
        Assert.Contains($"<li>{title} (tick it under “Steps to redo” to move the case)</li>", dry);
        Assert.DoesNotContain("type <code>", dry);

        var refused = await SubmitAsync("Apply");
        Assert.Contains(Figure("Moved", 0), refused);
        Assert.Equal("expected-death", (await officer.GetCaseAsync(created.Id())).GetProperty("workflow").GetProperty("key").GetString());

        var applied = await SubmitAsync("Apply", "initial-report");
        Assert.Contains(Figure("Moved", 1), applied);
        Assert.Contains("value=\"initial-report\" checked=\"checked\"", applied);
        var moved = await officer.GetCaseAsync(created.Id());
        Assert.Equal("unexplained-death", moved.GetProperty("workflow").GetProperty("key").GetString());
        Assert.Equal("returned", moved.StateOf("initial-report"));
    }
}
