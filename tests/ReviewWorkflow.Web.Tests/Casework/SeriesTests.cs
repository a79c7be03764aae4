using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewWorkflow.Web.Tests.Linkage;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Casework;

/// <summary>The series view: every death linked directly or through others, in the order found, with each link's reasons and disposition.</summary>
public sealed class SeriesTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    private const string Rationale = "Same place, same drug, same finder: one series.";

    [Fact]
    public async Task TheSeriesFollowsLinksThroughOtherDeathsAndLeavesOutWhatWasNotLinked()
    {
        var officer = await app.OfficerAsync();
        var spot = LinkageCases.NewPlace();
        var a = await officer.CreateCaseAsync(LinkageCases.Death(spot, "2014-06-19T04:05:00Z", "Anthony Walgate"));
        var b = await officer.CreateCaseAsync(LinkageCases.Death(spot, "2014-08-28T07:30:00Z", "Gabriel Kovari"));
        var c = await officer.CreateCaseAsync(LinkageCases.Death(spot, "2014-09-20T09:00:00Z", "Daniel Whitworth"));
        await officer.DisposeAsync(b.Id(), a.Id(), "linked", Rationale).OkAsync();
        await officer.DisposeAsync(c.Id(), b.Id(), "linked", Rationale).OkAsync();
        await officer.DisposeAsync(c.Id(), a.Id(), "not-linked", "Linked through the second death, not directly; recorded as such.").OkAsync();
        var alone = await officer.CreateCaseAsync();

        var series = await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{a.Id()}/series");

        Assert.Equal([a.Id(), b.Id(), c.Id()], series.GetProperty("cases").EnumerateArray().Select(x => x.GetProperty("caseId").GetString()));
        Assert.Equal(70.1, series.GetProperty("cases")[1].GetProperty("daysAfterPrevious").GetDouble());
        var links = series.GetProperty("links").EnumerateArray()
            .ToDictionary(l => (l.GetProperty("caseId").GetString(), l.GetProperty("candidateCaseId").GetString()));
        Assert.Equal("linked", links[(b.Id(), a.Id())].GetProperty("disposition").GetProperty("decision").GetString());
        Assert.Equal("linked", links[(c.Id(), b.Id())].GetProperty("disposition").GetProperty("decision").GetString());
        Assert.Equal("not-linked", links[(c.Id(), a.Id())].GetProperty("disposition").GetProperty("decision").GetString());
        Assert.All(links.Values, l => Assert.NotEmpty(l.GetProperty("reasons").EnumerateArray()));
        // The same series from its other end; a death linked to nothing is a series of one.
        Assert.Equal(3, (await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{c.Id()}/series")).GetProperty("cases").GetArrayLength());
        Assert.Equal(1, (await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{alone.Id()}/series")).GetProperty("cases").GetArrayLength());
    }

    [Fact]
    public async Task AnotherTeamsSeriesIsHidden()
    {
        var id = (await (await app.OfficerAsync()).CreateCaseAsync()).Id();
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.WestOfficerAsync()).GetAsync($"/api/cases/{id}/series")).StatusCode);
    }
}
