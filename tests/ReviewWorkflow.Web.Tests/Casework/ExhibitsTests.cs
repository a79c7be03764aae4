using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Casework;

/// <summary>The exhibits register and its chain of custody: recorded in order, never changed, refused precisely.</summary>
public sealed class ExhibitsTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private static string FirstError(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    private object Exhibit(string reference = "JS/1", DateTimeOffset? seizedAt = null) => new
    {
        reference, description = "Plastic bottle, clear liquid", seizedBy = "PC 1234 Smith", seizedAt = seizedAt ?? Now.AddHours(-6),
        seizedWhere = "Beside the body, Cooke Street", storageLocation = "Barking station property store, locker 12",
    };

    private static async Task<JsonElement> SentAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static Task<HttpResponseMessage> MoveAsync(HttpClient client, string caseId, long exhibitId, string to, DateTimeOffset? at = null) =>
        client.PostAsJsonAsync($"/api/cases/{caseId}/exhibits/{exhibitId}/movements", new { at, to, handledBy = "DC Jones", reason = "To the lab for toxicology" });

    [Fact]
    public async Task ExhibitAndItsMovementsFormTheChainOfCustodyInOrderAndAreAudited()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();

        var exhibit = await SentAsync(await officer.PostAsJsonAsync($"/api/cases/{id}/exhibits", Exhibit()), HttpStatusCode.Created);
        var exhibitId = exhibit.GetProperty("id").GetInt64();
        await SentAsync(await MoveAsync(officer, id, exhibitId, "Forensic lab, Lambeth", Now.AddHours(-2)), HttpStatusCode.OK);
        var moved = await SentAsync(await MoveAsync(officer, id, exhibitId, "Barking station property store, locker 3"), HttpStatusCode.OK);

        Assert.Equal("Barking station property store, locker 3", moved.GetProperty("currentLocation").GetString());
        Assert.Equal([("Barking station property store, locker 12", "Forensic lab, Lambeth"), ("Forensic lab, Lambeth", "Barking station property store, locker 3")],
            moved.GetProperty("movements").EnumerateArray().Select(m => (m.GetProperty("from").GetString(), m.GetProperty("to").GetString())));
        var listed = Assert.Single((await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/exhibits")).EnumerateArray());
        Assert.Equal("JS/1", listed.GetProperty("reference").GetString());
        var actions = await officer.AuditActionsAsync(id);
        Assert.Single(actions, a => a == "exhibit.recorded");
        Assert.Equal(2, actions.Count(a => a == "exhibit.moved"));
    }

    [Fact]
    public async Task MissingOrImpossibleDetailsADuplicateReferenceAndAMovementOutOfOrderAreRefusedAndChangeNothing()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        var exhibitId = (await SentAsync(await officer.PostAsJsonAsync($"/api/cases/{id}/exhibits", Exhibit()), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await SentAsync(await MoveAsync(officer, id, exhibitId, "Forensic lab, Lambeth", Now.AddHours(-1)), HttpStatusCode.OK);
        var before = await app.SnapshotAsync();

        var blank = await (await officer.PostAsJsonAsync($"/api/cases/{id}/exhibits", new { reference = " " })).ProblemAsync(HttpStatusCode.BadRequest);
        var future = await (await officer.PostAsJsonAsync($"/api/cases/{id}/exhibits", Exhibit("JS/2", Now.AddHours(1)))).ProblemAsync(HttpStatusCode.BadRequest);
        var twice = await (await officer.PostAsJsonAsync($"/api/cases/{id}/exhibits", Exhibit())).ProblemAsync(HttpStatusCode.BadRequest);
        var early = await (await MoveAsync(officer, id, exhibitId, "Somewhere else", Now.AddHours(-3))).ProblemAsync(HttpStatusCode.BadRequest);
        var same = await (await MoveAsync(officer, id, exhibitId, "forensic lab, lambeth")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await MoveAsync(officer, id, 987654, "Somewhere")).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(["description", "reference", "seizedAt", "seizedBy", "seizedWhere", "storageLocation"],
            blank.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal("cannot be in the future", FirstError(future, "seizedAt"));
        Assert.Equal("JS/1 is already an exhibit of this case", FirstError(twice, "reference"));
        Assert.StartsWith("cannot be before the last recorded movement", FirstError(early, "at"));
        Assert.Equal("is where JS/1 already is", FirstError(same, "to"));
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task AnotherTeamSeesNoExhibitAndCannotRecordOne()
    {
        var officer = await app.OfficerAsync();
        var west = await app.WestOfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        var exhibitId = (await SentAsync(await officer.PostAsJsonAsync($"/api/cases/{id}/exhibits", Exhibit()), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var before = await app.SnapshotAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await west.GetAsync($"/api/cases/{id}/exhibits")).StatusCode);
        await (await west.PostAsJsonAsync($"/api/cases/{id}/exhibits", Exhibit("W/1"))).ProblemAsync(HttpStatusCode.NotFound);
        await (await MoveAsync(west, id, exhibitId, "West station")).ProblemAsync(HttpStatusCode.NotFound);
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task MovementsSentAtOnceKeepTheChainUnbrokenOrLoseTheRace()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        var exhibitId = (await SentAsync(await officer.PostAsJsonAsync($"/api/cases/{id}/exhibits", Exhibit()), HttpStatusCode.Created)).GetProperty("id").GetInt64();

        var moves = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => MoveAsync(i % 2 == 0 ? officer : supervisor, id, exhibitId, $"Lab {i}")));

        // Each accepted movement starts where the one before it ended: a lost race is a 409, never a fork in the chain.
        Assert.All(moves, m => Assert.Contains(m.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        var exhibit = Assert.Single((await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/exhibits")).EnumerateArray());
        var chain = exhibit.GetProperty("movements").EnumerateArray().Select(m => (From: m.GetProperty("from").GetString(), To: m.GetProperty("to").GetString())).ToList();
        Assert.Equal(moves.Count(m => m.StatusCode == HttpStatusCode.OK), chain.Count);
        Assert.Equal("Barking station property store, locker 12", chain[0].From);
        for (var i = 1; i < chain.Count; i++) Assert.Equal(chain[i - 1].To, chain[i].From);
    }
}
