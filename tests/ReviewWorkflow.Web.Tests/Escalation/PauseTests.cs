using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewWorkflow.Web.Tests.Security;
using ReviewWorkflow.Web.Tests.Support;
using ReviewWorkflow.Web.Ui;

namespace ReviewWorkflow.Web.Tests.Escalation;

/// <summary>A step waiting on the laboratory, paused by its officer and approved by a supervisor: its ladder stops and restarts from the expected date.</summary>
public sealed class PauseTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private const string Step = "post-mortem-toxicology";

    [Fact]
    public async Task AnApprovedPauseStopsTheLadderUntilTheExpectedDateAndIsAudited()
    {
        var (officer, supervisor) = (await app.OfficerAsync(), await app.SupervisorAsync());
        var c = await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase());
        var id = c.Id();
        var until = app.Clock.GetUtcNow().AddDays(20);
        var path = $"/api/cases/{id}/steps/{Step}/pause";

        var asked = await officer.PostAsJsonAsync(path, new { reason = "Toxicology is with the forensic laboratory.", until }).OkAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"{path}/decision", new { decision = "approve" })).StatusCode);
        var approved = await supervisor.PostAsJsonAsync($"{path}/decision", new { decision = "approve", rationale = "The lab's queue is weeks long." }).OkAsync();

        Assert.True(asked.Step(Step).GetProperty("pause").GetProperty("approvedAt").ValueKind == JsonValueKind.Null);
        Assert.Equal(until.AddDays(7), approved.Step(Step).GetProperty("dueAt").GetDateTimeOffset());
        var audit = await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/audit");
        var actions = audit.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("step.pause-requested", actions);
        Assert.Contains("step.pause-decided", actions);

        // Past the step's own seven days: without the pause it would escalate now.
        app.Clock.Advance(TimeSpan.FromDays(8));
        await app.SweepAsync();
        Assert.DoesNotContain(app.EscalationsOf(c), e => e.Step == Step);
    }

    [Fact]
    public async Task APauseShowsOnTheCasePageMyWorkAndTheBoardWhichDoesNotListItAsOverdueWhileApproved()
    {
        // Team west: its board and lists hold only this test's work.
        var officer = await app.WestOfficerAsync();
        var c = await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase());
        var (id, reference) = (c.Id(), c.GetProperty("reference").GetString()!);
        await officer.CompleteAsync(id, "initial-report", ProcedureWalk.Answers("initial-report")).OkAsync(); // the toxicology step is open
        app.Clock.Advance(TimeSpan.FromDays(8)); // the toxicology step is a day overdue
        officer = await app.WestOfficerAsync(); // signed in again: a week has passed
        var officerPages = await PageSession.SignedInAsync(app, "officer.west@demo.local");
        var supervisorPages = await PageSession.SignedInAsync(app, "supervisor.west@demo.local");
        Assert.Single(OverdueRows(await supervisorPages.GetStringAsync("/overdue"), reference));
        Assert.Contains($"/cases/{id}/steps/{Step}/pause", StepOnCasePage(await officerPages.GetStringAsync($"/cases/{id}")));

        var until = app.Clock.GetUtcNow().AddDays(20);
        await officer.PostAsJsonAsync($"/api/cases/{id}/steps/{Step}/pause", new { reason = "Toxicology is with the forensic laboratory.", until }).OkAsync();
        var asked = $"pause until {Display.Time(until)} awaiting a supervisor's approval";
        Assert.Contains(asked, StepOnCasePage(await officerPages.GetStringAsync($"/cases/{id}")));
        Assert.Contains("Toxicology is with the forensic laboratory.", StepOnCasePage(await officerPages.GetStringAsync($"/cases/{id}")));
        var board = await supervisorPages.GetStringAsync("/overdue");
        Assert.Single(OverdueRows(board, reference)); // awaiting approval, it is still overdue
        Assert.Contains(asked, PauseRow(board, reference));
        var supervisorWork = await supervisorPages.GetStringAsync("/");
        Assert.Contains($"/cases/{id}/steps/{Step}/pause", Segment(supervisorWork, "<li", "</li>", $"Pause to decide: {Title}"));

        var supervisor = await app.ClientForAsync("supervisor.west@demo.local");
        await supervisor.PostAsJsonAsync($"/api/cases/{id}/steps/{Step}/pause/decision", new { decision = "approve" }).OkAsync();
        var paused = $"paused until {Display.Time(until)} (approved)";
        Assert.Contains(paused, StepOnCasePage(await officerPages.GetStringAsync($"/cases/{id}")));
        Assert.DoesNotContain("Overdue", StepOnCasePage(await officerPages.GetStringAsync($"/cases/{id}")));
        Assert.Contains(paused, Segment(await officerPages.GetStringAsync("/"), "<li", "</li>", Title));
        board = await supervisorPages.GetStringAsync("/overdue");
        Assert.Empty(OverdueRows(board, reference));
        Assert.Contains(paused, PauseRow(board, reference));
        Assert.DoesNotContain($"Pause to decide: {Title}", await supervisorPages.GetStringAsync("/"));

        // Past the expected date the pause is over and the step's seven days run from it.
        app.Clock.Advance(TimeSpan.FromDays(28));
        supervisorPages = await PageSession.SignedInAsync(app, "supervisor.west@demo.local");
        board = await supervisorPages.GetStringAsync("/overdue");
        Assert.Single(OverdueRows(board, reference));
        Assert.Contains("pause over", PauseRow(board, reference));
    }

    private const string Title = "Post-mortem and toxicology results";

    private static string StepOnCasePage(string html) => Segment(html, $"id=\"step-{Step}\"", "</li>");

    /// <summary>The board's rows of overdue work for the case's toxicology step (not its paused-steps table).</summary>
    private static List<string> OverdueRows(string html, string reference) =>
        WebUtility.HtmlDecode(html).Split("<tr").Where(r => r.Contains(reference) && r.Contains(Title) && r.Contains("data-label=\"Overdue\"")).ToList();

    private static string PauseRow(string html, string reference) => Segment(Segment(html, "id=\"pauses\"", "</section>"), "<tr", "</tr>", reference);

    private static string Segment(string html, string start, string end, string? containing = null)
    {
        foreach (var piece in WebUtility.HtmlDecode(html).Split(start).Skip(1))
        {
            var segment = piece[..Math.Max(0, piece.IndexOf(end, StringComparison.Ordinal))];
            if (containing is null || segment.Contains(containing)) return segment;
        }
        throw new Xunit.Sdk.XunitException($"no {start}…{end} {(containing is null ? "" : $"containing {containing} ")}on the page");
    }
}
