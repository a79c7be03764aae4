using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewWorkflow.Web.Accounts;
using ReviewWorkflow.Web.Data;
using ReviewWorkflow.Web.Tests.FamilyInformation;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Search;

/// <summary>The search box and the person page: what the user may see, found by any written form, ranked, with what matched.</summary>
public sealed class SearchTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    private static int _n;

    private static object Death(string name, string place, string substance, object[] persons)
    {
        var n = Interlocked.Increment(ref _n);
        return new
        {
            deceased = new { name, ageYears = 31, sex = "female" },
            foundAt = new DateTimeOffset(1950, 1, 1, 4, 5, 0, TimeSpan.Zero).AddDays(400 * n).ToString("O"),
            location = new { description = place, latitude = 51.0 + n, longitude = -1.0 - n * 0.5 },
            circumstances = "found indoors",
            substances = new[] { substance },
            markers = new[] { "found-indoors" },
            persons,
            workflow = "unexplained-death",
        };
    }

    private static async Task<JsonElement> SearchAsync(HttpClient client, string q) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/search?q={Uri.EscapeDataString(q)}");

    private static JsonElement? Hit(JsonElement found, JsonElement c) =>
        found.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("caseId").GetString() == c.Id()).Cast<JsonElement?>().FirstOrDefault();

    private static List<string> Matched(JsonElement found, JsonElement c) =>
        Hit(found, c) is { } hit ? hit.GetProperty("matched").Strings() : [];

    [Fact]
    public async Task FindsByReferenceNameMisspeltNamePhoneInAnyFormPlaceAndSubstanceRankedWithWhatMatched()
    {
        var officer = await app.OfficerAsync();
        var a = await officer.CreateCaseAsync(Death("Margaret Quillfeather", "Yarrowby Wharf, Rainham", "ketamine",
            [new { name = "Bartholomew Ingersoll", role = "witness", phone = "07700 900461" }]));
        var c = await officer.CreateCaseAsync(Death("Marguerite Quillfeather", "Tollgate Lane, Ilford", "heroin", []));

        var byReference = await SearchAsync(officer, a.GetProperty("reference").GetString()!.ToLowerInvariant());
        Assert.Equal(a.Id(), byReference.GetProperty("results")[0].GetProperty("caseId").GetString());
        Assert.Contains($"reference {a.GetProperty("reference").GetString()}", Matched(byReference, a));

        var byName = await SearchAsync(officer, "MARGARET  Quillfeather");
        Assert.Equal(a.Id(), byName.GetProperty("results")[0].GetProperty("caseId").GetString()); // the exact name first
        Assert.Contains("name margaret quillfeather (deceased)", Matched(byName, a));
        Assert.NotNull(Hit(byName, c)); // a similar name, lower

        Assert.Contains("name like margaret quillfeather (deceased)", Matched(await SearchAsync(officer, "Margret Quilfeather"), a));
        foreach (var written in new[] { "+44 7700 900461", "(07700) 900-461", "447700900461" })
            Assert.Contains("phone +447700900461 (witness)", Matched(await SearchAsync(officer, written), a));
        Assert.Contains(Matched(await SearchAsync(officer, "yarrowby"), a), m => m.StartsWith("place", StringComparison.Ordinal));
        Assert.Contains(Matched(await SearchAsync(officer, "Yarowby Wharf"), a), m => m.StartsWith("place", StringComparison.Ordinal)); // misspelt
        Assert.Contains("substance ketamine", Matched(await SearchAsync(officer, "Ketamine"), a));
        Assert.Null(Hit(await SearchAsync(officer, "Ketamine"), c));
    }

    [Fact]
    public async Task AnotherTeamsCasesAreNeitherFoundNorOnThePersonPage()
    {
        var officer = await app.OfficerAsync();
        var west = await app.WestOfficerAsync();
        var east = await officer.CreateCaseAsync(Death("Cressida Vantongeren", "Pellow Yard, Barking", "GHB",
            [new { name = "Ferdinand Ossory", role = "associate", phone = "07700 900733" }]));

        Assert.Null(Hit(await SearchAsync(west, "Cressida Vantongeren"), east));
        Assert.Null(Hit(await SearchAsync(west, east.GetProperty("reference").GetString()!), east));
        var person = await west.GetFromJsonAsync<JsonElement>("/api/persons?identifier=07700900733");
        Assert.Empty(person.GetProperty("occurrences").EnumerateArray());
        Assert.NotNull(Hit(await SearchAsync(await app.InspectorAsync(), "Cressida Vantongeren"), east)); // inspectors see every team
    }

    [Fact]
    public async Task ThePersonPageListsEveryCaseAndItemTheIdentifierOccursInWhateverItsWrittenForm()
    {
        var officer = await app.OfficerAsync();
        var first = await officer.CreateCaseAsync(Death("Lavinia Threlkeld", "Corbel Row, Dagenham", "GHB",
            [new { name = "Osric Pemberton", role = "finder", phone = "07700 900512" }]));
        var second = await officer.CreateCaseAsync(Death("Rosamund Ekwueme", "Galleon Close, Erith", "GHB", []));
        await officer.LoggedAsync(second.Id(), Register.Item(app.Clock.GetUtcNow().AddMinutes(-5), name: "Imogen Ekwueme",
            summary: "Says a man called Osric rang her sister the night before.",
            persons: [new { name = "Osric Pemberton", phone = "+44 (0)7700 900512" }]));

        var person = await officer.GetFromJsonAsync<JsonElement>($"/api/persons?identifier={Uri.EscapeDataString("+44 7700 900512")}");

        Assert.Equal(("phone", "+447700900512"), (person.GetProperty("kind").GetString(), person.GetProperty("value").GetString()));
        var occurrences = person.GetProperty("occurrences").EnumerateArray().ToList();
        Assert.Contains(occurrences, o => o.GetProperty("caseId").GetString() == first.Id() && o.GetProperty("where").GetString() == "finder");
        Assert.Contains(occurrences, o => o.GetProperty("caseId").GetString() == second.Id() && o.GetProperty("where").GetString()!.Contains("FI-1")
            && o.GetProperty("link").GetString() == $"/cases/{second.Id()}/family-information");
        var byName = await officer.GetFromJsonAsync<JsonElement>("/api/persons?identifier=osric%20PEMBERTON");
        Assert.Equal(2, byName.GetProperty("occurrences").EnumerateArray().Select(o => o.GetProperty("caseId").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task AnEmptyOrOverlongSearchOrIdentifierIsRefusedPrecisely()
    {
        var officer = await app.OfficerAsync();
        var before = await app.SnapshotAsync();

        var empty = await (await officer.GetAsync("/api/search?q=%20")).ProblemAsync(HttpStatusCode.BadRequest);
        var missing = await (await officer.GetAsync("/api/search")).ProblemAsync(HttpStatusCode.BadRequest);
        var overlong = await (await officer.GetAsync($"/api/search?q={new string('x', 201)}")).ProblemAsync(HttpStatusCode.BadRequest);
        var noIdentifier = await (await officer.GetAsync("/api/persons?identifier=%20%20")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.StartsWith("required", empty.GetProperty("errors").GetProperty("q")[0].GetString());
        Assert.StartsWith("required", missing.GetProperty("errors").GetProperty("q")[0].GetString());
        Assert.Equal("at most 200 characters", overlong.GetProperty("errors").GetProperty("q")[0].GetString());
        Assert.StartsWith("required", noIdentifier.GetProperty("errors").GetProperty("identifier")[0].GetString());
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task TheSearchsTrigramThresholdDoesNotOutliveItOnThePooledConnection()
    {
        // Pooled connections are not reset on return (DatabaseSetup): a session setting would reach the next request.
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReviewDb>();
        await db.Database.OpenConnectionAsync();

        var found = await Web.Search.CaseSearch.RunAsync(db, new CurrentUser("someone", "Someone", Engine.Roles.Inspector, ""), "oliver ellamkel", default);

        // pg_trgm's default: the search compared names by trigram on this connection (so the setting exists), at 0.5, and that ended with it.
        var threshold = await db.Database.SqlQueryRaw<string>("SELECT current_setting('pg_trgm.similarity_threshold') AS \"Value\"").ToListAsync();
        Assert.NotNull(found.Results);
        Assert.Equal("0.3", threshold.Single());
    }
}
