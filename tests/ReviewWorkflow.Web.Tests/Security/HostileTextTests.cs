using System.Net;
using System.Net.Http.Json;
using System.Text;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Security;

/// <summary>
/// Text PostgreSQL cannot store, or nobody should: refused with a 400 that names the field, before
/// anything is written, wherever it comes (JSON body, form, query); and the limits and shapes a body
/// must keep (lengths of step answers, times with an offset, each member once).
/// </summary>
public sealed class HostileTextTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    /// <summary>Each a valid request with one hostile string (JSON-escaped) put where <c>§</c> stands.</summary>
    public static TheoryData<string, string, string, string> Requests => new()
    {
        { "officer", "POST /api/cases/{id}/steps/initial-report/complete", InitialReport("""{"address":"Cooke §Street"}"""), "fields.address" },
        { "officer", "POST /api/cases/{id}/steps/initial-report/complete", InitialReport("""{"foundBy":{"name":"A §Walker"}}"""), "fields.foundBy.name" },
        { "officer", "POST /api/cases/{id}/steps/initial-report/complete", InitialReport("""{"attendingOfficers":["PC 1","PC §2"]}"""), "fields.attendingOfficers[1]" },
        { "officer", "POST /api/cases/{id}/steps/initial-report/complete", InitialReport("{}").Replace("initial attendance", "initial §attendance"), "note" },
        { "officer", "POST /api/cases/{id}/classification", """{"category":"not-suspicious","rationale":"Toxicology shows a §therapeutic dose only."}""", "rationale" },
        { "supervisor", "POST /api/cases/{id}/referral-request", """{"rationale":"The scene needs a homicide §team's view."}""", "rationale" },
        { "anonymous", "POST /api/auth/login", """{"email":"officer@demo.local§","password":"Demo!2345"}""", "email" },
        { "admin", "POST /api/admin/users", """{"email":"nul@police.example","displayName":"Nul §Person","password":"Right!2345","role":"officer","team":"east"}""", "displayName" },
        { "officer", "POST /api/cases", """{"deceased":{"name":"Fuzz §Subject","ageYears":23,"sex":"male"},"foundAt":"1999-03-04T05:06:00Z","location":{"description":"a place","latitude":-45.5,"longitude":170.25},"workflow":"unexplained-death"}""", "deceased.name" },
        { "officer", "POST /api/cases/{id}/family-information", """{"providedBy":{"name":"Sis","relationship":"sister"},"receivedAt":"2026-11-24T10:00:00Z","summary":"Says he met a §man."}""", "summary" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task ANulCharacterInAnyTextIsRefusedNamingTheFieldAndChangesNothing(string caller, string endpoint, string body, string field)
    {
        foreach (var hostile in new[] { "\\u0000", "\\u0007", "\\u001b", "\\ud800", "\\udfff" })
            await RefusedAsync(caller, endpoint, body.Replace("§", hostile), field);
    }

    [Fact]
    public async Task ANineHundredThousandCharacterStepAnswerIsRefused()
    {
        var huge = new string('a', 900_000);
        var problem = await RefusedAsync("officer", "POST /api/cases/{id}/steps/initial-report/complete", InitialReport($$"""{"address":"{{huge}}"}"""), "fields.address");
        Assert.Contains("at most 10,000 characters", problem);
    }

    [Theory]
    [InlineData("POST /api/cases", "foundAt")]
    [InlineData("POST /api/cases/{id}/family-information", "receivedAt")]
    public async Task ATimeWithoutAnOffsetIsRefused(string endpoint, string field)
    {
        var body = endpoint == "POST /api/cases"
            ? """{"deceased":{"name":"No Offset","ageYears":23,"sex":"male"},"foundAt":"1999-03-04T05:06:00","location":{"description":"a place","latitude":-45.5,"longitude":170.25},"workflow":"unexplained-death"}"""
            : """{"providedBy":{"name":"Sis","relationship":"sister"},"receivedAt":"2026-11-24T10:00:00","summary":"Says he met a man."}""";
        var problem = await RefusedAsync("officer", endpoint, body, field);
        Assert.Contains("offset", problem);
    }

    [Fact]
    public async Task AMemberGivenTwiceIsRefused()
    {
        var problem = await RefusedAsync("officer", "POST /api/cases/{id}/classification",
            """{"category":"not-suspicious","rationale":"Toxicology shows a therapeutic dose only.","category":"linked"}""", "category");
        Assert.Contains("more than once", problem);
        await RefusedAsync("officer", "POST /api/cases/{id}/steps/initial-report/complete", InitialReport("{}").Replace("\"address\"", "\"address\":\"x\",\"address\""), "fields.address");
    }

    [Fact]
    public async Task ControlCharactersInAQueryOrAFormAreRefusedNamingTheParameter()
    {
        var officer = await app.OfficerAsync();
        var admin = await app.AdminAsync();
        var before = await app.SnapshotAsync();
        var query = await (await officer.GetAsync("/api/cases?status=open%00")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(query.GetProperty("errors").TryGetProperty("status", out _));

        var page = PageSession.Anonymous(app);
        var token = await PageSession.AntiforgeryTokenAsync(page, "/sign-in");
        var form = await page.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "officer@demo.local\0", ["Password"] = ReviewApp.Password, ["__RequestVerificationToken"] = token,
        }));
        var text = await form.Content.ReadAsStringAsync();
        Assert.True(form.StatusCode == HttpStatusCode.BadRequest && text.Contains("\"Email\""), $"{(int)form.StatusCode}: {text}");
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task TextThatIsOnlyUnusualIsAccepted()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        const string unusual = "Cooke Street\u202E, Barking 😀\u200D名\ttab\r\nnew line";
        var done = await officer.PostRawAsync($"/api/cases/{id}/steps/initial-report/complete", InitialReport("{}").Replace("Cooke Street, Barking", unusual.Replace("\t", "\\t").Replace("\r", "\\r").Replace("\n", "\\n")));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var step = await (await officer.GetAsync($"/api/cases/{id}/steps/initial-report")).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var address = step.GetProperty("activities")[0].GetProperty("fields").GetProperty("address").GetString();
        Assert.Equal(unusual.Trim(), address);
    }

    /// <summary>Sends the request to a fresh case; asserts a 400 naming the field and no change; returns the problem's text.</summary>
    private async Task<string> RefusedAsync(string caller, string endpoint, string body, string field)
    {
        var clients = new Dictionary<string, Func<Task<HttpClient>>>
        {
            ["officer"] = app.OfficerAsync, ["supervisor"] = app.SupervisorAsync, ["admin"] = app.AdminAsync,
            ["anonymous"] = () => Task.FromResult(app.CreateClient()),
        };
        var client = await clients[caller]();
        var officer = await app.OfficerAsync();
        var id = endpoint.Contains("{id}") ? (endpoint.Contains("referral") ? await officer.ToReadyForSignOffAsync() : await officer.CreateCaseAsync()).Id() : "";
        var admin = await app.AdminAsync();
        var before = await app.SnapshotAsync();

        var response = await client.PostAsync(endpoint.Split(' ')[1].Replace("{id}", id), new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _) || errors.TryGetProperty("$." + field, out _), $"{endpoint}: no error for {field}: {problem}");
        await app.AssertUnchangedSinceAsync(before);
        return problem.ToString();
    }

    /// <summary>The initial report, with the given members replacing its own.</summary>
    private static string InitialReport(string fields)
    {
        var report = System.Text.Json.Nodes.JsonNode.Parse("""
            {"fields":{"discoveredAt":"2014-06-19T04:05:00Z","address":"Cooke Street, Barking","foundBy":{"name":"Anonymous caller"},
            "reportedBy":{"name":"Anonymous caller","phone":"07700 900123"},"attendingOfficers":["PC 1234","PC 5678"],
            "scenePreserved":true,"phonePresent":false,"noteFound":false},"note":"initial attendance"}
            """)!;
        foreach (var (name, value) in System.Text.Json.Nodes.JsonNode.Parse(fields)!.AsObject())
            report["fields"]![name] = value?.DeepClone();
        return report.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
