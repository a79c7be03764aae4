using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReviewWorkflow.Web.Tests.Security;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Workflows;

/// <summary>
/// The officer chooses the workflow when recording the death: the full procedure (the default) or the
/// proportionate route for an expected death, whose safeguards hold all the same.
/// </summary>
public sealed class WorkflowChoiceTests(ShippedWorkflowsApp app) : IClassFixture<ShippedWorkflowsApp>
{
    private const string Rationale = "A rationale long enough to explain the decision in full.";

    /// <summary>An isolated case (no linkage candidates) on the given workflow.</summary>
    public static JsonObject CaseOn(string? workflow)
    {
        var body = JsonSerializer.SerializeToNode(ProcedureWalk.IsolatedCase())!.AsObject();
        if (workflow is null) body.Remove("workflow");
        else body["workflow"] = workflow;
        return body;
    }

    private static object Fields(Dictionary<string, object> fields) => new { fields, note = "recorded by the test" };

    private static object ExpectedRouteAnswers(string step, string liaison) => step switch
    {
        "initial-report" => Fields(new()
        {
            ["discoveredAt"] = "2014-06-19T04:05:00Z", ["address"] = "12 Acacia Avenue", ["foundBy"] = new { name = "Home carer" },
            ["reportedBy"] = new { name = "Home carer" },
        }),
        "medical-certification" => Fields(new()
        {
            ["diagnosis"] = "Metastatic lung cancer, in palliative care", ["certifyingDoctor"] = "Dr Patel, Barking GP practice",
            ["lastSeenByDoctorAt"] = "2014-06-17T11:00:00Z",
        }),
        _ => ProcedureWalk.Answers(step, liaison),
    };

    [Fact]
    public async Task ACaseStartsOnTheChosenWorkflowAndOnTheFullProcedureByDefault()
    {
        var officer = await app.OfficerAsync();

        var expected = await officer.CreateCaseAsync(CaseOn("expected-death"));
        var full = await officer.CreateCaseAsync(CaseOn(null));

        Assert.Equal("expected-death", expected.GetProperty("workflow").GetProperty("key").GetString());
        Assert.Equal(("unexplained-death", 2), (full.GetProperty("workflow").GetProperty("key").GetString(), full.GetProperty("workflow").GetProperty("version").GetInt32()));
        var steps = expected.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("key").GetString()).ToList();
        Assert.Contains("medical-certification", steps);
        Assert.DoesNotContain("intelligence-checks", steps);
        Assert.DoesNotContain("digital-devices", steps);
    }

    [Fact]
    public async Task AnUnknownWorkflowIsRefusedNamingTheFieldAndChangesNothing()
    {
        var officer = await app.OfficerAsync();
        var before = await app.SnapshotAsync();

        var problem = await (await officer.PostAsJsonAsync("/api/cases", CaseOn("no-such-route"))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["unknown workflow 'no-such-route'"], problem.GetProperty("errors").GetProperty("workflow").Strings());
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task TheWorkflowsToChooseFromAreListedWithTheirDescriptions()
    {
        var officer = await app.OfficerAsync();

        var choices = await officer.GetFromJsonAsync<JsonElement>("/api/workflows");

        Assert.Equal(["unexplained-death", "expected-death"], choices.EnumerateArray().Select(c => c.GetProperty("key").GetString()));
        Assert.Equal([2, 1], choices.EnumerateArray().Select(c => c.GetProperty("version").GetInt32()));
        Assert.All(choices.EnumerateArray(), c => Assert.True(c.GetProperty("description").GetString()!.Length > 50, c.ToString()));
        var document = await officer.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/workflows", document);
        Assert.Contains("Key of the workflow the case starts on", document);
    }

    [Fact]
    public async Task TheNewCaseFormOffersEachWorkflowWithItsDescriptionAndOpensTheChosenOne()
    {
        var browser = await PageSession.SignedInAsync(app, "officer@demo.local");

        var form = await browser.GetStringAsync("/cases/new");
        Assert.Contains("id=\"workflow-unexplained-death\" name=\"Form.Workflow\" value=\"unexplained-death\" checked=\"checked\"", form);
        Assert.Contains("id=\"workflow-expected-death\" name=\"Form.Workflow\" value=\"expected-death\"", form);
        Assert.Contains("For a death a doctor expected", form);
        Assert.Contains("The full procedure for a death that is unexplained", form);

        var id = await PostFormAsync(browser, "expected-death");
        var officer = await app.OfficerAsync();
        Assert.Equal("expected-death", (await officer.GetCaseAsync(id)).GetProperty("workflow").GetProperty("key").GetString());

        var before = await app.SnapshotAsync();
        var token = await PageSession.AntiforgeryTokenAsync(browser, "/cases/new");
        var refused = await browser.PostAsync("/cases/new", new FormUrlEncodedContent(FormFields(token, "made-up")));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("unknown workflow &#x27;made-up&#x27;", await refused.Content.ReadAsStringAsync());
        await app.AssertUnchangedSinceAsync(before);
    }

    private static async Task<string> PostFormAsync(HttpClient browser, string workflow)
    {
        var token = await PageSession.AntiforgeryTokenAsync(browser, "/cases/new");
        var response = await browser.PostAsync("/cases/new", new FormUrlEncodedContent(FormFields(token, workflow)));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Location!.OriginalString.Split('/').Last();
    }

    private static Dictionary<string, string> FormFields(string token, string workflow) => new()
    {
        ["Form.Name"] = "Form Route Subject", ["Form.Sex"] = "female", ["Form.FoundAt"] = "1988-03-04T05:06",
        ["Form.LocationDescription"] = "her home", ["Form.Latitude"] = "-33.9", ["Form.Longitude"] = "151.2",
        ["Form.Workflow"] = workflow, ["__RequestVerificationToken"] = token,
    };

    [Fact]
    public async Task TheProportionateRouteClosesOnlyAfterLinkageRegisterSignOffAndAReviewedClassification()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var c = await officer.CreateCaseAsync(CaseOn("expected-death"));
        var id = c.Id();
        var liaison = c.GetProperty("officer").GetProperty("id").GetString()!;
        foreach (var step in new[] { "initial-report", "medical-certification", "family-notification" })
            await officer.CompleteAsync(id, step, ExpectedRouteAnswers(step, liaison)).OkAsync();

        // Classifying as expected waits for the safeguards, and closing waits for all of them.
        await (await officer.ClassifyAsync(id, "expected")).ProblemAsync(HttpStatusCode.Conflict);
        var unmet = (await (await officer.CloseAsync(id)).ProblemAsync(HttpStatusCode.Conflict)).GetProperty("unmet").Strings();
        Assert.Contains("linkage-check: not completed", unmet);
        Assert.Contains("family-information: not completed", unmet);
        Assert.Contains("supervisor-review: not completed", unmet);

        await officer.DisposeAllAsync(id);
        await officer.CompleteAsync(id, "linkage-check", ExpectedRouteAnswers("linkage-check", liaison)).OkAsync();
        await officer.CompleteAsync(id, "family-information", ExpectedRouteAnswers("family-information", liaison)).OkAsync();
        await supervisor.SignOffAsync(id, "approve").OkAsync();
        await officer.ClassifyAsync(id, "expected").OkAsync();

        unmet = (await (await officer.CloseAsync(id)).ProblemAsync(HttpStatusCode.Conflict)).GetProperty("unmet").Strings();
        Assert.Equal(["classification-review: not completed"], unmet);

        await supervisor.ApproveClassificationAsync(id).OkAsync();
        var closed = await officer.CloseAsync(id).OkAsync();
        Assert.Equal("closed", closed.GetProperty("status").GetString());
    }
}
