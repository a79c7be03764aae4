using System.Net.Http.Json;
using System.Text.Json;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.FamilyInformation;

/// <summary>Helpers for the family-information register's endpoints.</summary>
internal static class Register
{
    /// <summary>The default contact: a phone number of the giver's own, so the tests' items do not make their cases linkage candidates of each other.</summary>
    public const string OwnNumber = "(a number of her own)";

    private static int _numbers;

    public static object Item(DateTimeOffset receivedAt, string name = "Dana Dunn", string relationship = "sister",
        string? contact = OwnNumber, string summary = "Says he met a man from an app the night before; has his profile name.",
        string? how = "phone", string? assignee = null, object[]? persons = null) => new
    {
        providedBy = new { name, relationship, contact = contact == OwnNumber ? $"07700 8{Interlocked.Increment(ref _numbers) % 100_000:D5}" : contact },
        receivedAt,
        how,
        summary,
        assignee,
        persons,
    };

    public static string Path(string caseId, object? itemId = null, string? tail = null) =>
        $"/api/cases/{caseId}/family-information" + (itemId is null ? "" : $"/{itemId}") + (tail is null ? "" : $"/{tail}");

    public static Task<HttpResponseMessage> LogAsync(this HttpClient client, string caseId, object item) =>
        client.PostAsJsonAsync(Path(caseId), item);

    public static async Task<JsonElement> LoggedAsync(this HttpClient client, string caseId, object item)
    {
        var response = await client.LogAsync(caseId, item);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement;
    }

    public static Task<HttpResponseMessage> ActAsync(this HttpClient client, string caseId, long itemId, string action = "Traced the app profile",
        string outcome = "Profile belongs to a man known to police") =>
        client.PostAsJsonAsync(Path(caseId, itemId, "actions"), new { action, outcome });

    public static Task<HttpResponseMessage> RespondAsync(this HttpClient client, string caseId, long itemId,
        string response = "Told her the profile is being traced and she will hear from us by Friday.", DateTimeOffset? respondedAt = null) =>
        client.PostAsJsonAsync(Path(caseId, itemId, "response"), new { response, respondedAt });

    public static Task<JsonElement> ListAsync(this HttpClient client, string caseId) =>
        client.GetFromJsonAsync<JsonElement>(Path(caseId));

    public static long ItemId(this JsonElement item) => item.GetProperty("id").GetInt64();
}
