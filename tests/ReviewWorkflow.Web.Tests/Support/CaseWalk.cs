using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReviewWorkflow.Web.Tests.Support;

/// <summary>
/// Walks a case through the whole procedure over the API, as officers and a supervisor would: every
/// step completed with valid answers, signed off by a supervisor who did none of the work, classified
/// not suspicious, closed. No database shortcuts, so a closed case in a test is a real closed case.
/// </summary>
public static class CaseWalk
{
    public const string NotSuspicious = "Toxicology shows a therapeutic dose only; no third party involvement found.";
    public const string Closing = "All lines of enquiry complete; the death is not suspicious.";

    /// <summary>Valid answers for every officer step of the default workflow (no note found, so no forensic step).</summary>
    public static readonly IReadOnlyList<(string Step, object Body)> OfficerSteps =
    [
        ("initial-report", Api.InitialReport),
        ("intelligence-checks", Fields(new Dictionary<string, object>
        {
            ["personsChecked"] = new[] { "Anonymous caller" }, ["systemsSearched"] = new[] { "PNC", "PND" },
            ["results"] = "No trace of the caller on either system.",
        })),
        ("linkage-check", Fields(new Dictionary<string, object>())),
        ("family-notification", FamilyNotification("officer2@demo.local")),
        ("family-information", new { fields = new Dictionary<string, object>(), note = "Family and friends asked; nothing outstanding." }),
        ("digital-devices", Fields(new Dictionary<string, object>
        {
            ["devices"] = new[] { "deceased's phone" }, ["decisions"] = "Phone missing; laptop examined by the digital unit.",
        })),
        ("post-mortem-toxicology", Fields(new Dictionary<string, object>
        {
            ["causeOfDeath"] = "Cardiac arrest", ["substancesFound"] = new[] { "GHB" }, ["resultsReceivedAt"] = "2026-11-20T12:00:00Z",
        })),
    ];

    public static object FamilyNotification(string liaisonContact) => Fields(new Dictionary<string, object>
    {
        ["nextOfKin"] = new { name = "Dana Dunn", role = "sister" }, ["toldAt"] = "2026-11-24T10:00:00Z",
        ["toldBy"] = "PC 1234", ["how"] = "in-person", ["liaisonContact"] = liaisonContact,
    });

    /// <summary>Every officer step done by <paramref name="officer"/>.</summary>
    public static async Task AllWorkDoneAsync(HttpClient officer, string caseId)
    {
        foreach (var (step, body) in OfficerSteps)
            await OkAsync(await officer.CompleteAsync(caseId, step, body), $"complete {step}");
    }

    public static async Task ApproveAsync(HttpClient supervisor, string caseId) =>
        await OkAsync(await supervisor.PostAsJsonAsync($"/api/cases/{caseId}/steps/supervisor-review/sign-off",
            new { decision = "approve", rationale = "Work checked; complete and proportionate." }), "sign off");

    public static async Task ClassifyAsync(HttpClient officer, string caseId, string category = "not-suspicious") =>
        await OkAsync(await officer.PostAsJsonAsync($"/api/cases/{caseId}/classification", new { category, rationale = NotSuspicious }), "classify");

    public static Task<HttpResponseMessage> CloseAsync(HttpClient officer, string caseId) =>
        officer.PostAsJsonAsync($"/api/cases/{caseId}/close", new { rationale = Closing });

    /// <summary>All work done, approved and classified not suspicious: one command away from closure.</summary>
    public static async Task<string> ReadyToCloseAsync(ReviewApp app)
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        await AllWorkDoneAsync(officer, id);
        await ApproveAsync(await app.SupervisorAsync(), id);
        await ClassifyAsync(officer, id);
        return id;
    }

    public static async Task<string> ClosedCaseAsync(ReviewApp app)
    {
        var id = await ReadyToCloseAsync(app);
        await OkAsync(await CloseAsync(await app.OfficerAsync(), id), "close");
        return id;
    }

    private static object Fields(Dictionary<string, object> fields) => new { fields };

    private static async Task OkAsync(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what}: {(int)response.StatusCode} {text}");
        _ = JsonDocument.Parse(text);
    }
}
