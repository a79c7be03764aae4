using System.Net;
using System.Text.Json;
using ReviewWorkflow.Tests;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.BrowserTests.Support;

/// <summary>Walks a case through the API (the web tests' answers), for tests whose subject is a later page.</summary>
public static class Casework
{
    /// <summary>
    /// Completes every work step that applies to every case (read from the shipped workflow, in dependency
    /// order; the conditional referral and forensic steps do not apply to these cases), except those named.
    /// </summary>
    public static async Task ReadyForSignOffAsync(HttpClient officer, string caseId, params string[] except)
    {
        foreach (var step in DefaultWorkflow.UnconditionalWorkSteps.Where(s => !except.Contains(s)))
            await CompleteAsync(officer, caseId, step);
    }

    public static async Task CompleteAsync(HttpClient client, string caseId, string step)
    {
        var response = await client.CompleteAsync(caseId, step, ProcedureWalk.Answers(step));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A case of its own place and year, so no other test's case is a linkage candidate of it.</summary>
    public static async Task<(string Id, string Reference)> NewCaseAsync(HttpClient officer, string name)
    {
        var created = await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase(name));
        return (created.Id(), created.GetProperty("reference").GetString()!);
    }

    public static string Text(JsonElement e, string name) => e.GetProperty(name).GetString()!;
}
