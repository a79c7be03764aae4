using ReviewWorkflow.Web.Tests.Casework;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Escalation;

/// <summary>The first rung tells whoever holds the work when the mail goes: a reassigned officer, or the colleague covering a handover.</summary>
public sealed class AssigneeEscalationTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    [Fact]
    public async Task AfterReassignmentTheAssigneeRungTellsTheNewOfficerAndTheSupervisorIsLinkedToReassignment()
    {
        var c = await (await app.OfficerAsync()).CreateCaseAsync();
        await (await app.SupervisorAsync()).ReassignAsync(c.Id(), "officer2@demo.local").OkAsync();

        app.Clock.Advance(TimeSpan.FromHours(52));
        await app.SweepAsync();
        await app.DeliverAllDueAsync();

        var toAssignee = app.MailCarrying(c, m => m.Subject.Contains("level 1")).ToList();
        Assert.NotEmpty(toAssignee);
        Assert.All(toAssignee, m => Assert.Equal(["officer2@demo.local"], m.To));
        var toSupervisor = app.MailCarrying(c, m => m.Subject.Contains("level 2")).ToList();
        Assert.NotEmpty(toSupervisor);
        Assert.All(toSupervisor, m => Assert.Contains($"{EscalationApp.BaseUrl}/cases/{c.Id()}/assignment", m.Raw));
        Assert.All(toAssignee, m => Assert.DoesNotContain("/assignment", m.Raw));
    }

    [Fact]
    public async Task WhileAHandoverIsInForceTheAssigneeRungTellsTheColleague()
    {
        var officer = await app.OfficerAsync();
        var c = await officer.CreateCaseAsync();
        var handover = await officer.HandOverAsync("officer2@demo.local", app.Clock.GetUtcNow(), app.Clock.GetUtcNow().AddDays(5)).CreatedAsync();
        await (await app.SupervisorAsync()).ApproveHandoverAsync(handover.HandoverId()).OkAsync();

        app.Clock.Advance(TimeSpan.FromHours(52));
        await app.SweepAsync();
        await app.DeliverAllDueAsync();

        var toAssignee = app.MailCarrying(c, m => m.Subject.Contains("level 1")).ToList();
        Assert.NotEmpty(toAssignee);
        Assert.All(toAssignee, m => Assert.Equal(["officer2@demo.local"], m.To));
    }
}
