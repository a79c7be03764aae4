using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ReviewWorkflow.Web.Tests.Support;

/// <summary>Small helpers that keep tests about behaviour rather than HTTP plumbing.</summary>
public static class Api
{
    private static int _sequence;

    /// <summary>
    /// A case body. Unless given, place, time and the caller's phone differ from every other case
    /// made here (places over 20 km apart, times 180 days apart, beyond the rare-substance span), so
    /// the mandatory linkage check does not tie one test's cases to another's.
    /// </summary>
    public static object NewCase(string name = "Anthony Walgate", double? latitude = null, double? longitude = null,
        string? foundAt = null, string[]? substances = null, string[]? markers = null, object[]? persons = null)
    {
        var n = Interlocked.Increment(ref _sequence);
        return new
        {
            deceased = new { name, ageYears = 23, sex = "male" },
            foundAt = foundAt ?? new DateTimeOffset(1901, 1, 1, 4, 5, 0, TimeSpan.Zero).AddDays(180 * (n % 250)).ToString("O"),
            location = new { description = "outside a block of flats", latitude = latitude ?? 50.0 + n % 40 * 0.2, longitude = longitude ?? -4.0 + n / 40 % 20 * 0.3 },
            circumstances = "found outside, sitting against a wall",
            substances = substances ?? ["GHB"],
            markers = markers ?? ["found-outdoors"],
            persons = persons ?? [new { name = "Anonymous caller", role = "reporting-person", phone = $"07700 9{n % 100000:D5}" }],
            workflow = "unexplained-death",
        };
    }

    public static readonly object InitialReport = new
    {
        fields = new Dictionary<string, object>
        {
            ["discoveredAt"] = "2014-06-19T04:05:00Z",
            ["address"] = "Cooke Street, Barking",
            ["foundBy"] = new { name = "Anonymous caller" },
            // No number: the same reporter's number in every test's case would make them all linkage candidates.
            ["reportedBy"] = new { name = "Anonymous caller" },
            ["attendingOfficers"] = new[] { "PC 1234", "PC 5678" },
            ["scenePreserved"] = true,
            ["phonePresent"] = false,
            ["noteFound"] = false,
        },
        note = "initial attendance",
    };

    public static async Task<JsonElement> CreateCaseAsync(this HttpClient client, object? body = null)
    {
        var response = await client.PostAsJsonAsync("/api/cases", body ?? NewCase());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> GetCaseAsync(this HttpClient client, string id)
    {
        var response = await client.GetAsync($"/api/cases/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Task<HttpResponseMessage> CompleteAsync(this HttpClient client, string caseId, string step, object body) =>
        client.PostAsJsonAsync($"/api/cases/{caseId}/steps/{step}/complete", body);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string body, string contentType = "application/json") =>
        client.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));

    public static string Id(this JsonElement c) => c.GetProperty("id").GetString()!;

    public static string StateOf(this JsonElement c, string step) =>
        c.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("key").GetString() == step).GetProperty("state").GetString()!;

    public static JsonElement Step(this JsonElement c, string step) =>
        c.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("key").GetString() == step);

    public static List<string> Strings(this JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();

    /// <summary>Asserts an RFC 7807 body with the given status and returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.MediaType ?? "");
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
