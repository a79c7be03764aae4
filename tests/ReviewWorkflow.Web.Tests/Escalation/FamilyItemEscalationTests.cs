using System.Net;
using ReviewWorkflow.Web.Tests.FamilyInformation;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Escalation;

public sealed class FamilyItemEscalationTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    [Fact]
    public async Task AnUnansweredFamilyItemClimbsItsOwnLadderToItsAssigneeWithoutNamingTheFamily()
    {
        var officer = await app.OfficerAsync();
        var c = await officer.CreateCaseAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(50));
        var item = await officer.LoggedAsync(c.Id(), Register.Item(app.Clock.GetUtcNow(), name: "Delphine Quartermaine", relationship: "sister",
            contact: "07700 900888", assignee: "officer2@demo.local"));

        app.Clock.Advance(TimeSpan.FromHours(72) - TimeSpan.FromMinutes(1));
        await app.SweepAsync();
        Assert.Empty(ItemLevels(c));

        app.Clock.Advance(TimeSpan.FromMinutes(1)); // 72 h after receipt: the item's own deadline
        await app.SweepAsync();
        await app.DeliverAllDueAsync();
        Assert.Equal([1], ItemLevels(c));
        var mail = Assert.Single(app.MailCarrying(c, m => m.Subject.Contains("FI-1")));
        Assert.Equal(["officer2@demo.local"], mail.To);
        foreach (var secret in new[] { "Delphine", "Quartermaine", "sister", "900888" })
            Assert.DoesNotContain(secret, mail.Raw, StringComparison.OrdinalIgnoreCase);

        app.Clock.Advance(TimeSpan.FromHours(12));
        await app.SweepAsync();
        await app.DeliverAllDueAsync();
        Assert.Equal([1, 2], ItemLevels(c));
        Assert.Equal(["supervisor@demo.local"], Assert.Single(app.MailCarrying(c, m => m.Subject.Contains("FI-1") && m.Subject.Contains("level 2"))).To);

        officer = await app.OfficerAsync(); // the earlier token expired while the clock moved
        Assert.Equal(HttpStatusCode.OK, (await officer.ActAsync(c.Id(), item.ItemId())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.RespondAsync(c.Id(), item.ItemId())).StatusCode);
        app.Clock.Advance(TimeSpan.FromHours(48));
        await app.SweepAsync();
        Assert.Equal([1, 2], ItemLevels(c)); // answered: no inspector
    }

    private List<int> ItemLevels(System.Text.Json.JsonElement c)
    {
        var id = Guid.Parse(c.Id());
        return app.WithDb(db => db.Escalations.Where(e => e.CaseId == id && e.ItemId != null).OrderBy(e => e.Level).Select(e => e.Level).ToList());
    }
}
