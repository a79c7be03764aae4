using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewWorkflow.Web.Tests.Linkage;
using ReviewWorkflow.Web.Tests.Security;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Casework;

/// <summary>Facts corrected later, by PATCH and by the facts page alike: the name once identified, the place; the linkage check runs again.</summary>
public sealed class FactsTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    // Not a rare drug: a rare one (GHB) is searched at any distance, and the two deaths would be linked before the place is corrected.
    private static readonly string[] Common = ["cocaine"];

    private static string FirstError(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, string id, object body) => client.PatchAsJsonAsync($"/api/cases/{id}", body);

    [Fact]
    public async Task UnknownDeceasedIsNamedOnceIdentifiedAndOnlyOnce()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync(Api.NewCase(name: "unknown"))).Id();

        var named = await PatchAsync(officer, id, new { deceased = new { name = "Gabriel Kovari" } }).OkAsync();
        var before = await app.SnapshotAsync();
        var again = await (await PatchAsync(officer, id, new { deceased = new { name = "Someone Else" } })).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("Gabriel Kovari", named.GetProperty("deceased").GetProperty("name").GetString());
        Assert.Contains("already identified as Gabriel Kovari", again.GetProperty("detail").GetString());
        await app.AssertUnchangedSinceAsync(before);
        var audit = (await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/audit")).EnumerateArray().Last(e => e.GetProperty("action").GetString() == "case.facts-added");
        Assert.Equal("unknown", audit.GetProperty("data").GetProperty("name").GetProperty("before").GetString());
    }

    [Fact]
    public async Task CorrectedPlaceIsComparedAgainWithEveryRecordedDeath()
    {
        var officer = await app.OfficerAsync();
        var here = LinkageCases.NewPlace();
        var elsewhere = LinkageCases.NewPlace();
        var earlier = (await officer.CreateCaseAsync(LinkageCases.Death(here, "2012-03-01T05:00:00Z", "Earlier Death", substances: Common))).Id();
        var later = (await officer.CreateCaseAsync(LinkageCases.Death(elsewhere, "2012-03-20T05:00:00Z", "Later Death", substances: Common))).Id();
        Assert.Null((await officer.LinkageAsync(later)).CandidateFor(earlier));

        var moved = await PatchAsync(officer, later, new { location = new { description = "beside the churchyard wall", latitude = here.Lat, longitude = here.Lon } }).OkAsync();

        Assert.NotNull((await officer.LinkageAsync(later)).CandidateFor(earlier));
        Assert.Equal(here.Lat, moved.GetProperty("location").GetProperty("latitude").GetDouble());
    }

    [Fact]
    public async Task AgeOrSexWithTheNameAnUnknownNameAndAPlaceOffTheGlobeAreRefusedAndChangeNothing()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync(Api.NewCase(name: "unknown"))).Id();
        var before = await app.SnapshotAsync();

        var age = await (await PatchAsync(officer, id, new { deceased = new { name = "Gabriel Kovari", ageYears = 22 } })).ProblemAsync(HttpStatusCode.BadRequest);
        var unknown = await (await PatchAsync(officer, id, new { deceased = new { name = "Unknown" } })).ProblemAsync(HttpStatusCode.BadRequest);
        var place = await (await PatchAsync(officer, id, new { location = new { latitude = 91.0, longitude = 0.1 } })).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.StartsWith("only the name is given later", FirstError(age, "deceased.ageYears"));
        Assert.Equal("give the name the deceased was identified by", FirstError(unknown, "deceased.name"));
        Assert.Equal("must be between -90 and 90", FirstError(place, "location.latitude"));
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task TheFactsPageRecordsThroughTheSameUseCaseAndRechecksLinkage()
    {
        var officer = await app.OfficerAsync();
        var here = LinkageCases.NewPlace();
        var earlier = (await officer.CreateCaseAsync(LinkageCases.Death(here, "2011-05-01T05:00:00Z", "Earlier Page Death", substances: Common))).Id();
        var later = (await officer.CreateCaseAsync(LinkageCases.Death(LinkageCases.NewPlace(), "2011-05-12T05:00:00Z", "unknown", substances: Common))).Id();
        Assert.Null((await officer.LinkageAsync(later)).CandidateFor(earlier));
        var page = await PageSession.SignedInAsync(app, "officer@demo.local");
        var token = await PageSession.AntiforgeryTokenAsync(page, $"/cases/{later}/facts");

        var response = await page.PostAsync($"/cases/{later}/facts", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Name"] = "Jack Taylor", ["LocationDescription"] = "beside the churchyard wall",
            ["Latitude"] = here.Lat.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Longitude"] = here.Lon.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Substances"] = "ketamine", ["Markers"] = "Dating-App", ["Person.Name"] = "Stephen Port", ["Person.Role"] = "person-of-interest", ["Person.Phone"] = "07700 900321",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/cases/{later}", response.Headers.Location?.OriginalString);
        var c = await officer.GetCaseAsync(later);
        Assert.Equal("Jack Taylor", c.GetProperty("deceased").GetProperty("name").GetString());
        Assert.Contains("ketamine", c.GetProperty("substances").Strings());
        Assert.Contains("dating-app", c.GetProperty("markers").Strings());
        Assert.Contains(c.GetProperty("persons").EnumerateArray(), p => p.GetProperty("name").GetString() == "Stephen Port");
        Assert.NotNull((await officer.LinkageAsync(later)).CandidateFor(earlier));
    }
}
