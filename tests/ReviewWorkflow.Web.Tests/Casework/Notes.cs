using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Casework;

/// <summary>Requests of the case log, kept out of the tests' way.</summary>
public static class Notes
{
    public static string Path(string caseId) => $"/api/cases/{caseId}/notes";

    public static Task<HttpResponseMessage> NoteAsync(this HttpClient client, string caseId, string text = "Spoke to the neighbour; nothing seen.") =>
        client.PostAsJsonAsync(Path(caseId), new { text });

    public static Task<HttpResponseMessage> DirectAsync(this HttpClient client, string caseId, string assignee, DateTimeOffset dueAt,
        string text = "Trace and interview the man seen leaving the flat.") =>
        client.PostAsJsonAsync(Path(caseId), new { text, assignee, dueAt });

    public static Task<HttpResponseMessage> AnswerAsync(this HttpClient client, string caseId, long noteId, string response = "Traced and interviewed; account recorded.") =>
        client.PostAsJsonAsync($"{Path(caseId)}/{noteId}/response", new { response });

    public static async Task<JsonElement> CreatedAsync(this Task<HttpResponseMessage> request)
    {
        var response = await request;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"expected 201, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static long NoteId(this JsonElement note) => note.GetProperty("id").GetInt64();

    public static async Task<JsonElement> LogAsync(this HttpClient client, string caseId) =>
        await client.GetFromJsonAsync<JsonElement>(Path(caseId));

    public static async Task<List<string>> AuditActionsAsync(this HttpClient client, string caseId) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/audit")).EnumerateArray().Select(e => e.GetProperty("action").GetString()!)];
}
