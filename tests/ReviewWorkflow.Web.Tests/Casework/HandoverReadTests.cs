using System.Text.Json;
using ReviewWorkflow.Web.Tests.FamilyInformation;
using ReviewWorkflow.Web.Tests.Security;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Casework;

/// <summary>
/// During an approved handover the case read (API and page) and the register name the colleague as
/// holding the officer's open work, as My work does; before approval and after the period, the officer.
/// Its own app: the handover would move every case of the officer in a shared one.
/// </summary>
public sealed class HandoverReadTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    private const string Olivia = HolderReads.Olivia, Owen = HolderReads.Owen;

    private DateTimeOffset Now => app.Clock.GetUtcNow();

    [Fact]
    public async Task DuringAnApprovedHandoverTheColleagueReadsAsHoldingTheOfficersOpenWorkAndAfterItTheOfficerAgain()
    {
        var officer = await app.OfficerAsync();
        var pages = await PageSession.SignedInAsync(app, "officer@demo.local");
        var id = (await officer.CreateCaseAsync()).Id();
        await officer.CompleteAsync(id, "initial-report", ProcedureWalk.Answers("initial-report")).OkAsync();
        await officer.LoggedAsync(id, Register.Item(Now.AddHours(-1), assignee: "officer@demo.local"));
        var handover = await officer.HandOverAsync("officer2@demo.local", Now, Now.AddMinutes(30)).CreatedAsync();

        Assert.Equal(Olivia, HolderReads.Holder(await officer.GetCaseAsync(id), "intelligence-checks")); // asked, not approved: nothing moves
        await (await app.SupervisorAsync()).ApproveHandoverAsync(handover.HandoverId()).OkAsync();

        var c = await officer.GetCaseAsync(id);
        Assert.Equal(Owen, HolderReads.Holder(c, "intelligence-checks"));
        Assert.Equal(Olivia, HolderReads.Holder(c, "initial-report")); // completed work is not handed over
        Assert.Equal(Olivia, c.GetProperty("officer").GetProperty("displayName").GetString()); // still the case's officer
        Assert.Equal(Owen, c.GetProperty("officerCover").GetProperty("displayName").GetString());
        Assert.Equal(Owen, (await officer.ListAsync(id)).GetProperty("items")[0].GetProperty("assignee").GetProperty("displayName").GetString());
        var page = await pages.GetStringAsync($"/cases/{id}");
        Assert.Equal($"With {Owen}", HolderReads.StepOnPage(page, "intelligence-checks"));
        Assert.Contains($"Handed over to {Owen} until", page);
        Assert.Contains($"Assigned to</dt><dd class=\"govuk-summary-list__value\">{Owen}</dd>", await pages.GetStringAsync($"/cases/{id}/family-information"));

        app.Clock.Advance(TimeSpan.FromMinutes(31)); // the period is over
        c = await officer.GetCaseAsync(id);
        Assert.Equal(Olivia, HolderReads.Holder(c, "intelligence-checks"));
        Assert.Equal(JsonValueKind.Null, c.GetProperty("officerCover").ValueKind);
        Assert.Equal(Olivia, (await officer.ListAsync(id)).GetProperty("items")[0].GetProperty("assignee").GetProperty("displayName").GetString());
        Assert.Null(HolderReads.StepOnPage(await pages.GetStringAsync($"/cases/{id}"), "intelligence-checks"));
    }
}
