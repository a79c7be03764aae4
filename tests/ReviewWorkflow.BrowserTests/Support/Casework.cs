using System.Net;
using System.Text.Json;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.BrowserTests.Support;

/// <summary>Walks a case through the API, for tests whose subject is a later page (the sign-off, the board).</summary>
public static class Casework
{
    public static readonly Dictionary<string, object> Answers = new()
    {
        ["intelligence-checks"] = new { fields = new { personsChecked = new[] { "Anonymous caller" }, systemsSearched = new[] { "PNC", "local intelligence" }, results = "no previous reports about the caller" } },
        ["linkage-check"] = new { fields = new { } },
        ["family-notification"] = new { fields = new { nextOfKin = new { name = "Sarah Walgate", role = "mother" }, toldAt = "2026-11-25T10:00:00Z", toldBy = "PC 1234", how = "in-person", liaisonContact = "DC Jones" } },
        ["family-information"] = new { fields = new { } },
        ["digital-devices"] = new { fields = new { devices = new[] { "deceased's phone" }, decisions = "phone examined: messages before death are relevant" } },
        ["post-mortem-toxicology"] = new { fields = new { causeOfDeath = "GHB overdose", substancesFound = new[] { "GHB" }, resultsReceivedAt = "2026-11-25T11:00:00Z" } },
    };

    /// <summary>Completes every step the supervisor review approves, initial report included.</summary>
    public static async Task ReadyForSignOffAsync(HttpClient officer, string caseId, params string[] except)
    {
        await CompleteAsync(officer, caseId, "initial-report", Api.InitialReport);
        foreach (var (step, body) in Answers.Where(a => !except.Contains(a.Key)))
            await CompleteAsync(officer, caseId, step, body);
    }

    public static async Task CompleteAsync(HttpClient client, string caseId, string step, object body)
    {
        var response = await client.CompleteAsync(caseId, step, body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<(string Id, string Reference)> NewCaseAsync(HttpClient officer, string name = "Anthony Walgate")
    {
        var created = await officer.CreateCaseAsync(Api.NewCase(name: name));
        return (created.Id(), created.GetProperty("reference").GetString()!);
    }

    public static string Text(JsonElement e, string name) => e.GetProperty(name).GetString()!;
}
