using System.Net.Http.Json;
using System.Text.Json;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Linkage;

/// <summary>Deaths shaped like the Barking series, each test at its own place so tests do not link to each other.</summary>
public static class LinkageCases
{
    private static int _place;

    /// <summary>A fresh spot for one test's series (about 30 km from any other test's), with its own finder.</summary>
    public static Spot NewPlace()
    {
        var n = Interlocked.Increment(ref _place);
        var suffix = $"{(char)('a' + n % 26)}{(char)('a' + n / 26 % 26)}";
        return new Spot(55.0 + n % 20 * 0.3, -3.0 + n / 20 % 10 * 0.5, $"Margaret Hollis{suffix}", $"07700 91{n % 10000:D4}");
    }

    public sealed record Spot(double Lat, double Lon, string Finder, string FinderPhone);

    public static object Death(Spot place, string foundAt, string name, int age = 24,
        string[]? substances = null, object[]? persons = null, string circumstances = "found sitting against a wall, phone missing",
        double northMetres = 0) => new
    {
        deceased = new { name, ageYears = age, sex = "male" },
        foundAt,
        location = new { description = "beside the churchyard wall", latitude = place.Lat + northMetres / 111_200, longitude = place.Lon },
        circumstances,
        substances = substances ?? ["GHB"],
        markers = new[] { "found-outdoors", "phone-missing", "posed" },
        persons = persons ?? [new { name = place.Finder, role = "finder", phone = place.FinderPhone }],
        workflow = "unexplained-death",
    };

    public static async Task<JsonElement> LinkageAsync(this HttpClient client, string caseId) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/linkage");

    public static List<JsonElement> Candidates(this JsonElement linkage) => linkage.GetProperty("candidates").EnumerateArray().ToList();

    public static JsonElement? CandidateFor(this JsonElement linkage, string caseId) =>
        linkage.Candidates().Cast<JsonElement?>().FirstOrDefault(c => c!.Value.GetProperty("caseId").GetString() == caseId);

    public static Task<HttpResponseMessage> DisposeAsync(this HttpClient client, string caseId, string candidateId, string? decision, string? rationale) =>
        client.PostAsJsonAsync($"/api/cases/{caseId}/linkage/{candidateId}/disposition", new { decision, rationale });
}
