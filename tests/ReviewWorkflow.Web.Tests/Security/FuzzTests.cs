using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ReviewWorkflow.Web.Tests.Casework;
using ReviewWorkflow.Web.Tests.FamilyInformation;
using ReviewWorkflow.Web.Tests.Linkage;
using ReviewWorkflow.Web.Tests.Support;
using Xunit.Abstractions;

namespace ReviewWorkflow.Web.Tests.Security;

/// <summary>
/// Thousands of generated malformed requests against every API endpoint (read from the endpoint
/// data source), with route values that name real cases, steps, items and candidates as well as
/// bogus ones. None may fail on the server, every refusal must be a problem details body, and the
/// database must be exactly as it was.
/// </summary>
public sealed class FuzzTests(ReviewApp app, ITestOutputHelper output) : IClassFixture<ReviewApp>
{
    private const int Seed = 20141019; // change it to explore; a failure names the request, and the same seed makes it again
    private const int Requests = 10_000;
    private const int Parallelism = 8;

    private const string InitialReport = """
        {"fields":{"discoveredAt":"2014-06-19T04:05:00Z","address":"Cooke Street, Barking","foundBy":{"name":"Anonymous caller"},
        "reportedBy":{"name":"Anonymous caller","phone":"07700 900123"},"attendingOfficers":["PC 1234","PC 5678"],
        "scenePreserved":true,"phonePresent":false,"noteFound":false},"note":"initial attendance"}
        """;

    /// <summary>Valid bodies; the generator breaks each in a way the API must refuse.</summary>
    private static readonly Dictionary<string, Template> Templates = new()
    {
        // No such account, so even a well-formed login changes no failure count.
        ["POST /api/auth/login"] = new("""{"email":"nobody@fuzz.invalid","password":"Wrong!2345"}""",
            M("email", Kind.Text), M("password", Kind.Text)),
        ["POST /api/auth/refresh"] = new("""{"refreshToken":"CfDJ8bogus"}""", M("refreshToken", Kind.Text)),
        // A weak password keeps every variant refused by the password policy at the latest.
        ["POST /api/admin/users"] = new("""{"email":"fuzz@fuzz.invalid","displayName":"Fuzz User","password":"weak","role":"officer","team":"east"}""",
            M("email", Kind.Text, 256, true), M("displayName", Kind.Text, 200, true), M("password", Kind.Text, 0, true),
            M("role", Kind.Choice, 0, true), M("team", Kind.Text, 100, true)),
        ["POST /api/cases"] = new("""
            {"deceased":{"name":"Fuzz Subject","ageYears":23,"sex":"male"},"foundAt":"1999-03-04T05:06:00Z",
             "location":{"description":"fuzz place","latitude":-45.5,"longitude":170.25},"circumstances":"found at home",
             "substances":["GHB"],"markers":["found-outdoors"],"persons":[{"name":"Fuzz Finder","role":"finder","phone":"07700 900999"}],
             "workflow":"unexplained-death"}
            """,
            M("deceased", Kind.Object, 0, true), M("deceased.name", Kind.Text, 200, true),
            M("deceased.ageYears", Kind.Integer, range: (0, 130)), M("deceased.sex", Kind.Choice, 0, true),
            M("foundAt", Kind.Time, 0, true), M("location", Kind.Object, 0, true), M("location.description", Kind.Text, 1000),
            M("location.latitude", Kind.Number, 0, true, (-90, 90)), M("location.longitude", Kind.Number, 0, true, (-180, 180)),
            M("circumstances", Kind.Text, 10_000), M("substances", Kind.List, 50), M("substances[0]", Kind.Text, 60, true),
            M("markers", Kind.List, 50), M("markers[0]", Kind.Text, 60, true), M("persons", Kind.List, 100),
            M("persons[0].name", Kind.Text, 200, true), M("persons[0].role", Kind.Choice, 0, true), M("persons[0].phone", Kind.Text, 200),
            M("workflow", Kind.Choice)),
        // The fuzz cases are all identified, so even a variant left valid is refused (a name is given once).
        ["PATCH /api/cases/{id}"] = new("""
            {"substances":["ketamine"],"markers":["dating-app"],"persons":[{"name":"Fuzz Witness","role":"witness"}],
             "deceased":{"name":"Fuzz Identified"},"location":{"description":"Fuzz place","latitude":51.5,"longitude":0.1}}
            """,
            M("deceased.name", Kind.Text, 200, true), M("location.description", Kind.Text, 1000),
            M("location.latitude", Kind.Number, 0, true, (-90, 90)), M("location.longitude", Kind.Number, 0, true, (-180, 180)),
            M("substances", Kind.List, 50), M("substances[0]", Kind.Text, 60, true), M("markers", Kind.List, 50),
            M("markers[0]", Kind.Text, 60, true), M("persons", Kind.List, 100), M("persons[0].name", Kind.Text, 200, true),
            M("persons[0].role", Kind.Choice, 0, true)),
        ["POST /api/cases/{id}/classification"] = new("""{"category":"not-suspicious","rationale":"Toxicology shows a therapeutic dose only."}""",
            M("category", Kind.Choice, 0, true), M("rationale", Kind.Rationale, 10_000, true)),
        ["POST /api/cases/{id}/close"] = new("""{"rationale":"All lines of enquiry complete; not suspicious."}""",
            M("rationale", Kind.Rationale, 10_000, true)),
        ["POST /api/cases/{id}/steps/{stepKey}/complete"] = new(InitialReport,
            M("fields", Kind.Object, 0, true), M("note", Kind.Rationale, 10_000), M("fields.scenePreserved", Kind.Boolean),
            M("fields.phonePresent", Kind.Boolean), M("fields.attendingOfficers", Kind.List, 100), M("fields.foundBy", Kind.Object),
            M("fields.address", Kind.Text, 10_000), M("fields.foundBy.name", Kind.Text, 500), M("fields.reportedBy.phone", Kind.Text, 500),
            M("fields.attendingOfficers[0]", Kind.Text, 500)),
        ["POST /api/cases/{id}/steps/{stepKey}/sign-off"] = new("""{"decision":"approve","rationale":"Every step checked against the file.","returnSteps":[]}""",
            M("decision", Kind.Choice, 0, true), M("rationale", Kind.Rationale, 10_000, true), M("returnSteps", Kind.List)),
        ["POST /api/cases/{id}/referral-request"] = new("""{"rationale":"The scene and the finder's account need a homicide team's view."}""",
            M("rationale", Kind.Rationale, 10_000, true)),
        ["POST /api/cases/{id}/family-information"] = new("""
            {"providedBy":{"name":"Fuzz Sister","relationship":"sister","contact":"07700 900001"},"receivedAt":"2026-11-24T10:00:00Z",
             "how":"phone","summary":"Says he met a man from an app.","persons":[{"name":"Fuzz Person","role":"associate"}]}
            """,
            M("providedBy", Kind.Object, 0, true), M("providedBy.name", Kind.Text, 200, true),
            M("providedBy.relationship", Kind.Text, 100, true), M("providedBy.contact", Kind.Text, 200),
            M("receivedAt", Kind.Time, 0, true), M("how", Kind.Choice), M("summary", Kind.Text, 10_000, true),
            M("persons", Kind.List, 100), M("persons[0].role", Kind.Choice)),
        ["POST /api/cases/{id}/family-information/{itemId}/actions"] = new("""{"action":"Called the sister back","outcome":"She named the app."}""",
            M("action", Kind.Text, 10_000, true), M("outcome", Kind.Text, 10_000, true)),
        ["POST /api/cases/{id}/family-information/{itemId}/response"] = new("""{"response":"We told her what we found.","respondedAt":"2026-11-24T12:00:00Z"}""",
            M("response", Kind.Text, 10_000, true), M("respondedAt", Kind.Time)),
        // The account ids are never real ones: these act without a body, so a "malformed" request to a real account would succeed.
        ["PATCH /api/admin/users/{userId}"] = new("""{"role":"officer","team":"east"}""", M("role", Kind.Choice), M("team", Kind.Text, 100)),
        ["POST /api/admin/users/{userId}/deactivate"] = new("{}"),
        ["POST /api/admin/users/{userId}/reactivate"] = new("{}"),
        ["POST /api/admin/users/{userId}/unlock"] = new("{}"),
        // Whatever the body, it is no case file: a 400 (or 403 for all but an administrator).
        ["POST /api/case-files/verify"] = new("{}"),
        ["POST /api/cases/{id}/linkage/{candidateCaseId}/disposition"] = new("""{"decision":"not-linked","rationale":"Different drug, place and profile."}""",
            M("decision", Kind.Choice, 0, true), M("rationale", Kind.Rationale, 10_000, true)),
        // Another team's officer as the assignee: every variant is refused, even one whose mutation left a valid deadline.
        ["POST /api/cases/{id}/notes"] = new("""{"text":"Fuzz direction","assignee":"officer.west@demo.local","dueAt":"2030-01-01T00:00:00Z"}""",
            M("text", Kind.Text, 10_000, true), M("assignee", Kind.Text, 200), M("dueAt", Kind.Time)),
        ["POST /api/cases/{id}/notes/{noteId}/response"] = new("""{"response":"Traced and interviewed."}""", M("response", Kind.Text, 10_000, true)),
        // Multipart only: every generated body (JSON, a broken multipart, a form with unknown fields) is refused.
        ["POST /api/cases/{id}/documents"] = new("{}"),
        ["POST /api/cases/{id}/exhibits"] = new("""
            {"reference":"FZ/1","description":"Fuzz bottle","seizedBy":"PC Fuzz","seizedAt":"2026-11-24T08:00:00Z",
             "seizedWhere":"Fuzz street","storageLocation":"Fuzz store"}
            """,
            M("reference", Kind.Text, 40, true), M("description", Kind.Text, 1000, true), M("seizedBy", Kind.Text, 200, true),
            M("seizedAt", Kind.Time, 0, true), M("seizedWhere", Kind.Text, 1000, true), M("storageLocation", Kind.Text, 1000, true)),
        // Two wrong members (a placeholder reason, a past date): every variant keeps one of them and is refused.
        ["POST /api/cases/{id}/steps/{stepKey}/pause"] = new("""{"reason":"n/a","until":"2000-01-01T00:00:00Z"}""",
            M("reason", Kind.Rationale, 10_000, true), M("until", Kind.Time, 0, true)),
        // No pause is asked for on the fuzzed case: nothing to decide or end.
        ["POST /api/cases/{id}/steps/{stepKey}/pause/decision"] = new("""{"decision":"approve","rationale":"Agreed."}""", M("decision", Kind.Choice, 0, true)),
        ["POST /api/cases/{id}/steps/{stepKey}/pause/end"] = new("{}"),
        // A case that does not exist: every variant is refused, and none reaches a case.
        ["POST /api/admin/migrations"] = new("""
            {"from":{"key":"unexplained-death","version":1},"to":{"key":"unexplained-death","version":2},"cases":["UD-1900-000000"],"apply":true}
            """,
            M("from", Kind.Object, 0, true), M("to", Kind.Object, 0, true)),
        // Off the full procedure onto the shorter route: refused whatever else the variant says.
        ["POST /api/cases/{id}/workflow"] = new("""{"workflow":"expected-death","apply":true}""", M("workflow", Kind.Choice, 0, true)),
        ["POST /api/cases/{id}/exhibits/{exhibitId}/movements"] = new("""{"at":"2026-11-24T10:00:00Z","to":"Fuzz lab","handledBy":"DC Fuzz","reason":"Fuzz testing"}""",
            M("at", Kind.Time), M("to", Kind.Text, 1000, true), M("handledBy", Kind.Text, 200, true), M("reason", Kind.Text, 1000, true)),
        // Another team's officer as the new holder or colleague: every variant is refused.
        ["POST /api/cases/{id}/assignment"] = new("""{"officer":"officer.west@demo.local","reason":"Fuzz reassignment"}""",
            M("officer", Kind.Text, 200, true), M("reason", Kind.Text, 10_000, true)),
        ["POST /api/handovers"] = new("""{"to":"officer.west@demo.local","startsAt":"2030-01-01T00:00:00Z","endsAt":"2030-01-03T00:00:00Z","reason":"Fuzz leave"}""",
            M("to", Kind.Text, 200, true), M("startsAt", Kind.Time, 0, true), M("endsAt", Kind.Time, 0, true), M("reason", Kind.Text, 10_000)),
        ["POST /api/handovers/{handoverId}/approval"] = new("{}"),
    };

    private static Member M(string path, Kind kind, int limit = 0, bool required = false, (double, double)? range = null) =>
        new(path, kind, limit, required, range);

    private static async Task<bool> AuditChainHoldsAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<JsonElement>("/api/audit/verify")).GetProperty("valid").GetBoolean();

    [Fact]
    public async Task MalformedRequestsToEveryEndpointNeverFailOnTheServerAreAllProblemsAndChangeNothing()
    {
        var endpoints = ApiEndpoints();
        var untemplated = endpoints.Where(e => !e.StartsWith("GET ") && !Templates.ContainsKey(e)).ToList();
        Assert.True(untemplated.Count == 0, "endpoints that take a body without a fuzz template: " + string.Join(", ", untemplated));

        var clients = await ClientsAsync();
        var routeValues = await SeedAsync(clients);
        var admin = clients["admin"]!;
        var before = await app.SnapshotAsync();
        Assert.True(await AuditChainHoldsAsync(admin));

        var generator = new FuzzRequests(new Random(Seed), Templates, routeValues);
        var perEndpoint = (Requests + endpoints.Count - 1) / endpoints.Count;
        var requests = endpoints.SelectMany(e => Enumerable.Range(0, perEndpoint).Select(_ => e)).Select(generator.Next).ToList();

        var (failures, statuses) = await SendAllAsync(requests, clients, CheckAsync);

        output.WriteLine($"{requests.Count} requests to {endpoints.Count} endpoints; statuses: " +
            string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Assert.True(failures.IsEmpty, $"{failures.Count} bad answers, e.g.:\n" + string.Join("\n", failures.Take(30)));
        Assert.True(requests.Count >= Requests);
        Assert.DoesNotContain(statuses.Keys, s => s >= 500);
        await app.AssertUnchangedSinceAsync(before);
        Assert.True(await AuditChainHoldsAsync(admin));
    }

    [Fact]
    public async Task HostileTextInEveryTextFieldOfEveryEndpointIsRefusedChangesNothingAndLeavesThePoolHealthy()
    {
        var endpoints = ApiEndpoints();
        var clients = await ClientsAsync();
        var routeValues = await SeedAsync(clients);
        var admin = clients["admin"]!;
        var before = await app.SnapshotAsync();
        var requests = new HostileText(Templates, routeValues).All(endpoints, CallerOf, e => PathOf(e, routeValues)).ToList();
        var uncovered = Templates.SelectMany(t => t.Value.Members.Where(m => m.Kind is Kind.Text or Kind.Rationale).Select(m => $"{t.Key} {m.Path}"))
            .Except(requests.Where(r => r.Field is not null).Select(r => $"{r.Endpoint} {r.Field}")).ToList();
        Assert.True(uncovered.Count == 0, "text members without hostile requests: " + string.Join(", ", uncovered));

        var (failures, statuses) = await SendAllAsync(requests, clients, async (r, response) =>
        {
            if (await CheckAsync(r, response) is { } wrong) return wrong;
            if (response.IsSuccessStatusCode) return "hostile text was accepted";
            if (r.Field is null) return null;
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return response.StatusCode == HttpStatusCode.BadRequest && problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(r.Field, out _)
                ? null : $"not a 400 naming {r.Field}: {Short(problem.ToString())}";
        });

        output.WriteLine($"{requests.Count} hostile requests to {endpoints.Count} endpoints; statuses: " +
            string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Assert.True(failures.IsEmpty, $"{failures.Count} bad answers, e.g.:\n" + string.Join("\n", failures.Take(30)));
        Assert.DoesNotContain(statuses.Keys, s => s >= 500);
        await app.AssertUnchangedSinceAsync(before);

        // The same connection pool then serves ordinary work, many requests at once.
        var officer = clients["officer"]!;
        var answers = await Task.WhenAll(Enumerable.Range(0, 2 * Parallelism).Select(async _ =>
        {
            var id = (await officer.CreateCaseAsync()).Id();
            return (await officer.CompleteAsync(id, "initial-report", Api.InitialReport)).StatusCode;
        }));
        Assert.All(answers, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.True(await AuditChainHoldsAsync(admin));
    }

    private static string CallerOf(string endpoint) => endpoint switch
    {
        _ when endpoint.Contains(" /api/auth/") => "anonymous",
        _ when endpoint.Contains(" /api/admin") || endpoint.Contains(" /api/audit") => "admin",
        _ when endpoint.Contains("/sign-off") || endpoint.Contains("/referral-request") || endpoint.Contains("/assignment") => "supervisor",
        _ => "officer",
    };

    /// <summary>The route with real values: the case each kind of request can act on.</summary>
    private static string PathOf(string endpoint, Dictionary<string, string[]> values)
    {
        var signOff = endpoint.Contains("/sign-off") || endpoint.Contains("/referral-request");
        var id = endpoint.Contains("/close") ? values["id"][5] : signOff ? values["id"][3] : values["id"][0];
        return endpoint.Split(' ')[1].Replace("{id}", id).Replace("{stepKey}", signOff ? "supervisor-review" : "initial-report")
            .Replace("{itemId}", values["itemId"][0]).Replace("{candidateCaseId}", values["candidateCaseId"][0]).Replace("{userId}", values["userId"][0])
            .Replace("{noteId}", values["noteId"][0]).Replace("{docId}", values["docId"][0]).Replace("{exhibitId}", values["exhibitId"][0])
            .Replace("{handoverId}", values["handoverId"][0]);
    }

    private async Task<(ConcurrentBag<string> Failures, ConcurrentDictionary<int, int> Statuses)> SendAllAsync(
        IEnumerable<FuzzRequest> requests, Dictionary<string, HttpClient?> clients, Func<FuzzRequest, HttpResponseMessage, Task<string?>> check)
    {
        var failures = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (r, ct) =>
        {
            using var message = new HttpRequestMessage(new HttpMethod(r.Method), r.Path);
            if (r.Body is not null)
            {
                message.Content = new ByteArrayContent(r.Body);
                if (r.ContentType is not null) message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(r.ContentType);
            }
            using var response = await (clients[r.Caller] ?? app.CreateClient()).SendAsync(message, ct);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            var problem = await check(r, response);
            if (problem is not null) failures.Add($"{r.Method} {r.Path} as {r.Caller} ({r.How}): {status} {problem}");
        });
        return (failures, statuses);
    }

    /// <summary>Null when the answer is acceptable for a malformed request, else what is wrong with it.</summary>
    private static async Task<string?> CheckAsync(FuzzRequest request, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        if (status >= 500) return "server error: " + Short(text);
        // Only reads may succeed: every other request was broken on purpose.
        if (status is >= 200 and < 300) return request.Method == "GET" ? null : "a malformed request was accepted: " + Short(text);
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"not a problem body ({response.Content.Headers.ContentType}): {Short(text)}";
        try
        {
            var problem = JsonDocument.Parse(text).RootElement;
            if (!problem.TryGetProperty("status", out var s) || s.GetInt32() != status) return "problem without the right status: " + Short(text);
            if (!problem.TryGetProperty("title", out var t) || string.IsNullOrWhiteSpace(t.GetString())) return "problem without a title: " + Short(text);
        }
        catch (JsonException)
        {
            return "problem body is not JSON: " + Short(text);
        }
        return null;
    }

    private static string Short(string text) => text.Length > 300 ? text[..300] + "…" : text;

    /// <summary>
    /// A fresh case with a family item and a linkage candidate, one ready for sign-off and one ready
    /// to close, so broken requests reach the deepest checks; and ids that name nothing.
    /// </summary>
    private async Task<Dictionary<string, string[]>> SeedAsync(Dictionary<string, HttpClient?> clients)
    {
        var officer = clients["officer"]!;
        var supervisor = clients["supervisor"]!;
        var place = LinkageCases.NewPlace();
        var earlier = (await officer.CreateCaseAsync(LinkageCases.Death(place, "2013-01-10T07:00:00Z", "Fuzz Earlier"))).Id();
        var fresh = (await officer.CreateCaseAsync(LinkageCases.Death(place, "2013-02-01T07:00:00Z", "Fuzz Later"))).Id();
        Assert.NotNull((await officer.LinkageAsync(fresh)).CandidateFor(earlier));
        var item = (await officer.LoggedAsync(fresh, Register.Item(ReviewApp.Start.AddDays(-1)))).GetProperty("id").ToString();
        var forSignOff = (await officer.ToReadyForSignOffAsync()).Id();
        var toClose = (await officer.ToReadyToCloseAsync(supervisor)).Id();
        var direction = (await supervisor.DirectAsync(fresh, "officer@demo.local", ReviewApp.Start.AddDays(30)).CreatedAsync()).NoteId().ToString();
        var note = (await officer.NoteAsync(fresh).CreatedAsync()).NoteId().ToString();
        var exhibit = await officer.PostAsJsonAsync($"/api/cases/{fresh}/exhibits", new
        {
            reference = "FZ/0", description = "Seeded bottle", seizedBy = "PC Seed", seizedAt = ReviewApp.Start.AddDays(-1), seizedWhere = "Seed street", storageLocation = "Seed store",
        });
        Assert.Equal(HttpStatusCode.Created, exhibit.StatusCode);
        var exhibitId = (await exhibit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").ToString();
        var random = Guid.NewGuid().ToString();
        string[] bogusText = ["not-a-guid", "%00", "../../etc/passwd", "ÿ", new string('a', 300), "' OR 1=1 --"];
        return new()
        {
            ["id"] = [fresh, fresh, fresh, forSignOff, forSignOff, toClose, toClose, Guid.Empty.ToString(), random, .. bogusText],
            ["stepKey"] = ["initial-report", "initial-report", "supervisor-review", "supervisor-review", "no-such-step", "INITIAL-REPORT", .. bogusText],
            ["itemId"] = [item, item, item, "0", "-1", "9223372036854775807", "9223372036854775808", .. bogusText],
            ["candidateCaseId"] = [earlier, earlier, earlier, fresh, random, .. bogusText],
            ["userId"] = [random, Guid.Empty.ToString(), .. bogusText],
            ["noteId"] = [direction, direction, note, "0", "-1", "9223372036854775808", .. bogusText],
            ["exhibitId"] = [exhibitId, exhibitId, "0", "-1", "9223372036854775808", .. bogusText],
            // Never a real document: a download is audited, and the fuzz run must change nothing.
            ["docId"] = [Guid.Empty.ToString(), random, .. bogusText],
            // Never a real handover: an approval would change something.
            ["handoverId"] = ["1", "0", "-1", "9223372036854775808", .. bogusText],
        };
    }

    private List<string> ApiEndpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => System.Text.RegularExpressions.Regex.Replace($"{m} /{e.RoutePattern.RawText?.TrimStart('/')}", @":\w+\}", "}").TrimEnd('/')))
            .Where(e => e.Contains(" /api"))
            .Distinct().Order().ToList();

    private async Task<Dictionary<string, HttpClient?>> ClientsAsync() => new()
    {
        ["anonymous"] = null,
        ["officer"] = await app.OfficerAsync(),
        ["supervisor"] = await app.SupervisorAsync(),
        ["inspector"] = await app.InspectorAsync(),
        ["admin"] = await app.AdminAsync(),
    };
}
