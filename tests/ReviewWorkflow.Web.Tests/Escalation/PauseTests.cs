using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewWorkflow.Web.Tests.Support;

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
}
