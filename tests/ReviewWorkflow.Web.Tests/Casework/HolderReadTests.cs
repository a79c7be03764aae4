using System.Net;
using ReviewWorkflow.Web.Tests.FamilyInformation;
using ReviewWorkflow.Web.Tests.Security;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Casework;

/// <summary>
/// The case read (API and page) and the register name whoever holds the work, as My work does: a
/// reassigned step's or item's holder (a handover's cover: <see cref="HandoverReadTests"/>).
/// </summary>
public sealed class HolderReadTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    private const string Olivia = HolderReads.Olivia, Owen = HolderReads.Owen, Sam = HolderReads.Sam;

    private DateTimeOffset Now => app.Clock.GetUtcNow();

    [Fact]
    public async Task AStepReassignedTwiceReadsAsItsLastHolderBeforeAndAfterItIsCompleted()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var pages = await PageSession.SignedInAsync(app, "officer@demo.local");
        var id = (await officer.CreateCaseAsync()).Id();

        await supervisor.ReassignAsync(id, "officer2@demo.local", stepKey: "initial-report").OkAsync();
        await supervisor.ReassignAsync(id, "supervisor@demo.local", stepKey: "initial-report").OkAsync();

        var c = await officer.GetCaseAsync(id);
        Assert.Equal(Sam, HolderReads.Holder(c, "initial-report"));
        Assert.Equal(Olivia, HolderReads.Holder(c, "intelligence-checks")); // the rest stays the officer's
        var page = await pages.GetStringAsync($"/cases/{id}");
        Assert.Equal($"With {Sam}", HolderReads.StepOnPage(page, "initial-report"));
        Assert.Null(HolderReads.StepOnPage(page, "intelligence-checks"));

        // Done by its holder; afterwards it cannot be given away, and still reads as theirs.
        await supervisor.CompleteAsync(id, "initial-report", ProcedureWalk.Answers("initial-report")).OkAsync();
        await (await supervisor.ReassignAsync(id, "officer2@demo.local", stepKey: "initial-report")).ProblemAsync(HttpStatusCode.Conflict);
        // The case officer changes after the step was completed: the open officer steps follow, the reassigned step does not.
        await supervisor.ReassignAsync(id, "officer2@demo.local").OkAsync();

        c = await officer.GetCaseAsync(id);
        Assert.Equal(Sam, HolderReads.Holder(c, "initial-report"));
        Assert.Equal(Sam, c.Step("initial-report").GetProperty("completedBy").GetProperty("displayName").GetString());
        Assert.Equal(Owen, HolderReads.Holder(c, "intelligence-checks"));
        Assert.Equal(Owen, c.GetProperty("officer").GetProperty("displayName").GetString());
        page = await pages.GetStringAsync($"/cases/{id}");
        Assert.Null(HolderReads.StepOnPage(page, "initial-report")); // completed: held by no one
        Assert.Contains($"east · {Owen}", page);
    }

    [Fact]
    public async Task OnAClosedCaseTheNewOfficerAndALateItemsNewHolderAreRead()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var pages = await PageSession.SignedInAsync(app, "officer@demo.local");
        var id = (await officer.ToClosedAsync(supervisor)).Id();
        var late = await officer.LoggedAsync(id, Register.Item(Now, assignee: "officer@demo.local"));

        await supervisor.ReassignAsync(id, "officer2@demo.local").OkAsync();
        await supervisor.ReassignAsync(id, "supervisor@demo.local", itemId: late.ItemId()).OkAsync();

        var c = await officer.GetCaseAsync(id);
        Assert.Equal("closed", c.GetProperty("status").GetString());
        Assert.Equal(Owen, c.GetProperty("officer").GetProperty("displayName").GetString());
        Assert.Contains($"east · {Owen}", await pages.GetStringAsync($"/cases/{id}"));
        Assert.Equal(Sam, (await officer.ListAsync(id)).GetProperty("items")[0].GetProperty("assignee").GetProperty("displayName").GetString());
        Assert.Contains($"Assigned to</dt><dd class=\"govuk-summary-list__value\">{Sam}</dd>", await pages.GetStringAsync($"/cases/{id}/family-information"));
    }
}
