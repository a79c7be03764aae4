using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewWorkflow.Tests;

namespace ReviewWorkflow.Web.Tests.Support;

/// <summary>
/// Walks a case through the procedure over HTTP, the way officers and supervisors would: valid
/// answers for every work step, then the sign-off, classification and closure. For tests that need
/// a case at a given point (ready for sign-off, approved, closed) without restating every step.
/// </summary>
public static class ProcedureWalk
{
    /// <summary>The steps an officer completes with answers, read from the shipped workflow, in an order that respects their dependencies.</summary>
    public static IReadOnlyList<string> WorkSteps => DefaultWorkflow.WorkSteps;

    public const string SignOffRationale = "Every step checked against the file; answers complete and proportionate.";
    public const string ClassificationRationale = "Toxicology shows a therapeutic dose only; no third party involvement found.";
    public const string CloseRationale = "All lines of enquiry complete; the coroner has the file.";

    private static int _cases;

    /// <summary>
    /// A case that links with nothing else in the test's database: each call gets its own place
    /// (about 11 km apart), year and name, and no substances, markers or persons, so the linkage
    /// check finds no candidates and the walk is not held up by other tests' cases.
    /// </summary>
    public static object IsolatedCase(string? name = null)
    {
        var n = Interlocked.Increment(ref _cases);
        return new
        {
            deceased = new { name = name ?? $"Walk Subject {n:D4}", ageYears = 20 + n % 60, sex = "male" },
            foundAt = new DateTimeOffset(1995 + n % 30, 1 + n % 12, 1 + n % 28, 4, 5, 0, TimeSpan.Zero),
            location = new { description = $"walk location {n}", latitude = 49.9 + n % 80 * 0.1, longitude = -5.0 + n / 80 % 20 * 0.5 },
            circumstances = "found at home",
            substances = Array.Empty<string>(),
            markers = Array.Empty<string>(),
            persons = Array.Empty<object>(),
            workflow = "unexplained-death",
        };
    }

    /// <summary>
    /// Valid answers for each work step (the referral: accepted, owned by the homicide command). The
    /// family liaison must be a caseworker of the case's team: by default the east team's second officer.
    /// </summary>
    public static object Answers(string step, string liaison = "officer2@demo.local") => step switch
    {
        "initial-report" => Api.InitialReport,
        "intelligence-checks" => Body(new()
        {
            ["personsChecked"] = new[] { "Anonymous caller" }, ["systemsSearched"] = new[] { "PNC", "PND" },
            ["results"] = "No trace on either system.",
        }),
        // A surname alone identifies nobody: the same full name in every walked case would link them all.
        "family-notification" => Body(new()
        {
            ["nextOfKin"] = new { name = "Doe", role = "sister" }, ["toldAt"] = "2014-06-19T10:00:00Z", ["toldBy"] = "PC 1234",
            ["how"] = "in-person", ["liaisonContact"] = liaison,
        }),
        "forensic-documents" => Body(new()
        {
            ["handwritingComparison"] = "Not the deceased's hand", ["forensicSubmission"] = "LAB-1: DNA profile obtained",
        }),
        "digital-devices" => Body(new()
        {
            ["devices"] = new[] { "deceased's phone" }, ["decisions"] = "Phone missing; laptop examined by the digital unit.",
        }),
        "post-mortem-toxicology" => Body(new()
        {
            ["causeOfDeath"] = "Cardiac arrest", ["substancesFound"] = Array.Empty<string>(), ["resultsReceivedAt"] = "2014-06-25T12:00:00Z",
        }),
        "homicide-referral" => Referral("accepted"),
        // Registers with nothing in them (no linkage candidates, no family items) are completed empty.
        _ => Body(new()),
    };

    /// <summary>A referral answer; a declined one comes with the reasons the command gave.</summary>
    public static object Referral(string outcome, string? reasons = "No third party indicated by the scene or the post-mortem so far.") =>
        Body(new()
        {
            ["referredTo"] = "Homicide and Major Crime Command, MIT 4", ["referredAt"] = "2014-06-20T09:00:00Z", ["outcome"] = outcome,
            ["owner"] = outcome == "accepted" ? "DCI Green, MIT 4" : "DS Brown, East CID",
            ["reasons"] = outcome == "declined" ? reasons : null,
        });

    private static object Body(Dictionary<string, object?> fields) =>
        new { fields = fields.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value), note = "walked by the test" };

    /// <summary>Creates an isolated case and completes every work step that applies: the supervisor's sign-off is then available.</summary>
    public static async Task<JsonElement> ToReadyForSignOffAsync(this HttpClient officer, object? newCase = null)
    {
        var id = (await officer.CreateCaseAsync(newCase ?? IsolatedCase())).Id();
        var c = await officer.CompleteWorkAsync(id);
        Assert.True(c.StateOf("supervisor-review") == "available", $"supervisor-review should be available after the walk: {string.Join("; ", c.GetProperty("unmet").Strings())}");
        return c;
    }

    /// <summary>Completes every work step that is available or returned, until none is; returns the case.</summary>
    public static async Task<JsonElement> CompleteWorkAsync(this HttpClient officer, string caseId)
    {
        var c = await officer.GetCaseAsync(caseId);
        for (var open = Open(c); open is not null; open = Open(c))
        {
            // Other tests' deaths may be candidates (the walk's answers name the same caller): the walk decides them.
            if (open == "linkage-check") await officer.DisposeAllAsync(caseId);
            c = await officer.CompleteAsync(caseId, open, Answers(open, liaison: c.GetProperty("officer").GetProperty("id").GetString()!)).OkAsync();
        }
        return c;
    }

    /// <summary>Dispositions every undecided linkage candidate of the case as not linked.</summary>
    public static async Task DisposeAllAsync(this HttpClient officer, string caseId)
    {
        var linkage = await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/linkage");
        foreach (var k in linkage.GetProperty("candidates").EnumerateArray().Where(k => k.GetProperty("disposition").ValueKind == JsonValueKind.Null))
            await officer.PostAsJsonAsync($"/api/cases/{caseId}/linkage/{k.GetProperty("caseId").GetString()}/disposition",
                new { decision = "not-linked", rationale = "Different circumstances on review of both files." }).OkAsync();
    }

    private static string? Open(JsonElement c) => WorkSteps.FirstOrDefault(s => c.StateOf(s) is "available" or "returned");

    /// <summary>Ready for sign-off, then approved by <paramref name="supervisor"/>.</summary>
    public static async Task<JsonElement> ToApprovedAsync(this HttpClient officer, HttpClient supervisor, object? newCase = null)
    {
        var id = (await officer.ToReadyForSignOffAsync(newCase)).Id();
        return await supervisor.SignOffAsync(id, "approve").OkAsync();
    }

    /// <summary>Approved, classified not suspicious and that classification approved (F7): only closure is left.</summary>
    public static async Task<JsonElement> ToReadyToCloseAsync(this HttpClient officer, HttpClient supervisor, object? newCase = null)
    {
        var id = (await officer.ToApprovedAsync(supervisor, newCase)).Id();
        await officer.ClassifyAsync(id, "not-suspicious").OkAsync();
        return await supervisor.ApproveClassificationAsync(id).OkAsync();
    }

    /// <summary>A supervisor (or, with <paramref name="step"/>, an inspector) approves the classification.</summary>
    public static Task<HttpResponseMessage> ApproveClassificationAsync(this HttpClient client, string caseId, string step = "classification-review") =>
        client.SignOffAsync(caseId, "approve", "The classification follows from the toxicology and the checks.", step: step);

    /// <summary>Ready to close, then closed by the officer: a real closed case, no database shortcuts.</summary>
    public static async Task<JsonElement> ToClosedAsync(this HttpClient officer, HttpClient supervisor, object? newCase = null)
    {
        var id = (await officer.ToReadyToCloseAsync(supervisor, newCase)).Id();
        return await officer.CloseAsync(id).OkAsync();
    }

    public static Task<HttpResponseMessage> SignOffAsync(this HttpClient client, string caseId, string decision,
        string? rationale = SignOffRationale, string[]? returnSteps = null, string step = "supervisor-review") =>
        client.PostAsJsonAsync($"/api/cases/{caseId}/steps/{step}/sign-off", new { decision, rationale, returnSteps = returnSteps ?? [] });

    public static Task<HttpResponseMessage> ClassifyAsync(this HttpClient client, string caseId, string category, string? rationale = ClassificationRationale) =>
        client.PostAsJsonAsync($"/api/cases/{caseId}/classification", new { category, rationale });

    public static Task<HttpResponseMessage> CloseAsync(this HttpClient client, string caseId, string? rationale = CloseRationale) =>
        client.PostAsJsonAsync($"/api/cases/{caseId}/close", new { rationale });

    public static Task<HttpResponseMessage> RequestReferralAsync(this HttpClient client, string caseId, string? rationale) =>
        client.PostAsJsonAsync($"/api/cases/{caseId}/referral-request", new { rationale });

    /// <summary>Asserts a 200 (showing the body when not) and returns the body.</summary>
    public static async Task<JsonElement> OkAsync(this Task<HttpResponseMessage> request)
    {
        var response = await request;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
