using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReviewWorkflow.Web.Tests.Linkage;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Workflows;

/// <summary>Procedure v2's gates (the inspection findings), walked over HTTP the way officers and supervisors would.</summary>
public sealed class ProcedureV2Tests(ShippedWorkflowsApp app) : IClassFixture<ShippedWorkflowsApp>
{
    private const string Long = "Recorded in full, with the reasons for it, for the file.";

    /// <summary>The officer's work before classification, in file order; the coroner's report and the family's outcome come later.</summary>
    private static readonly string[] Investigation =
    [
        "initial-report", "initial-categorisation", "scene", "intelligence-checks", "cctv-house-to-house", "hate-crime-vulnerability",
        "previous-incidents", "linkage-check", "family-notification", "family-information", "digital-devices", "post-mortem-decision", "post-mortem-toxicology",
        "coroner-informed",
    ];

    private static object Fields(Dictionary<string, object> fields) => new { fields, note = "recorded by the test" };

    private static object Answers(string step, string liaison) => step switch
    {
        "initial-categorisation" => Fields(new() { ["category"] = "under-investigation", ["rationale"] = Long }),
        "scene" => Fields(new()
        {
            ["attendedBy"] = new[] { "PC 1234", "DS 42" }, ["releasedAt"] = "2014-06-19T09:00:00Z", ["releasedBy"] = "DS 42",
            ["releaseRationale"] = Long, ["exhibits"] = new[] { "EX-1; the deceased's phone; property store B" },
        }),
        "cctv-house-to-house" => Fields(new()
        {
            ["cctv"] = "done", ["cctvRationale"] = "Two cameras on the street; footage seized.", ["houseToHouse"] = "not-done",
            ["houseToHouseRationale"] = "No dwellings overlook the alley.",
        }),
        "hate-crime-vulnerability" => Fields(new() { ["hateCrimeIndicated"] = false, ["vulnerabilityIndicated"] = true, ["rationale"] = Long }),
        "previous-incidents" => Fields(new() { ["incidents"] = Array.Empty<string>(), ["assessment"] = "No earlier case at this address or within 50 m." }),
        "post-mortem-decision" => Fields(new() { ["kind"] = "forensic", ["decidedBy"] = "DI Grey", ["rationale"] = Long }),
        "coroner-informed" => Fields(new() { ["informedAt"] = "2014-06-19T12:00:00Z", ["informedBy"] = "PC 1234", ["coronerReference"] = "EL-2014-0619" }),
        "coroner-report" => Fields(new() { ["submittedAt"] = "2014-07-01T12:00:00Z", ["summary"] = Long }),
        "family-outcome" => Fields(new()
        {
            ["toldWho"] = new { name = "Doe", role = "sister" }, ["toldAt"] = "2014-07-02T10:00:00Z", ["toldBy"] = "PC 1234", ["whatNext"] = Long,
        }),
        _ => ProcedureWalk.Answers(step, liaison),
    };

    private async Task<(HttpClient Officer, HttpClient Supervisor, string Id, string Liaison)> NewCaseAsync()
    {
        var officer = await app.OfficerAsync();
        var created = await officer.CreateCaseAsync(WorkflowChoiceTests.CaseOn(null));
        Assert.Equal(2, created.GetProperty("workflow").GetProperty("version").GetInt32());
        return (officer, await app.SupervisorAsync(), created.Id(), created.GetProperty("officer").GetProperty("id").GetString()!);
    }

    /// <summary>Completes the investigation; the supervisor gives the early review when it is due.</summary>
    private static async Task<JsonElement> InvestigateAsync(HttpClient officer, HttpClient supervisor, string id, string liaison)
    {
        var c = await officer.GetCaseAsync(id);
        while (true)
        {
            if (Investigation.FirstOrDefault(s => c.StateOf(s) is "available" or "returned") is { } open)
            {
                if (open == "linkage-check") await officer.DisposeAllAsync(id);
                c = await officer.CompleteAsync(id, open, Answers(open, liaison)).OkAsync();
            }
            else if (c.StateOf("early-review") == "available")
                c = await supervisor.SignOffAsync(id, "approve", step: "early-review").OkAsync();
            else return c;
        }
    }

    [Fact]
    public async Task TheSceneIsReleasedOnlyAfterASupervisorReviewedTheInitialCategorisationWithinFourHours()
    {
        var (officer, supervisor, id, liaison) = await NewCaseAsync();
        await officer.CompleteAsync(id, "initial-report", Answers("initial-report", liaison)).OkAsync();
        var c = await officer.CompleteAsync(id, "initial-categorisation", Answers("initial-categorisation", liaison)).OkAsync();

        Assert.Equal("blocked", c.StateOf("scene"));
        Assert.Equal("available", c.StateOf("early-review"));
        Assert.Equal(app.Clock.GetUtcNow().AddHours(4), c.Step("early-review").GetProperty("dueAt").GetDateTimeOffset());
        await (await officer.CompleteAsync(id, "scene", Answers("scene", liaison))).ProblemAsync(HttpStatusCode.Conflict);

        c = await supervisor.SignOffAsync(id, "approve", step: "early-review").OkAsync();
        Assert.Equal("available", c.StateOf("scene"));
        await officer.CompleteAsync(id, "scene", Answers("scene", liaison)).OkAsync();
    }

    [Fact]
    public async Task ClosureIsRefusedUntilTheCoronersReportIsSignedOffAndTheFamilyIsToldTheOutcome()
    {
        var (officer, supervisor, id, liaison) = await NewCaseAsync();
        var c = await InvestigateAsync(officer, supervisor, id, liaison);
        Assert.Equal("available", c.StateOf("supervisor-review"));
        await supervisor.SignOffAsync(id, "approve").OkAsync();
        c = await officer.ClassifyAsync(id, "not-suspicious").OkAsync();
        // The family is told the outcome once the classification stands, not before its review.
        Assert.Equal("blocked", c.StateOf("family-outcome"));
        await supervisor.ApproveClassificationAsync(id).OkAsync();

        var unmet = (await (await officer.CloseAsync(id)).ProblemAsync(HttpStatusCode.Conflict)).GetProperty("unmet").Strings();
        Assert.Contains("family-outcome: not completed", unmet);
        Assert.Contains("coroner-report-review: not completed", unmet);

        await officer.CompleteAsync(id, "coroner-report", Answers("coroner-report", liaison)).OkAsync();
        await officer.CompleteAsync(id, "family-outcome", Answers("family-outcome", liaison)).OkAsync();
        var before = await app.SnapshotAsync();
        unmet = (await (await officer.CloseAsync(id)).ProblemAsync(HttpStatusCode.Conflict)).GetProperty("unmet").Strings();
        Assert.Equal(["coroner-report-review: not completed"], unmet);
        await app.AssertUnchangedSinceAsync(before);

        await supervisor.SignOffAsync(id, "approve", step: "coroner-report-review").OkAsync();
        Assert.Equal("closed", (await officer.CloseAsync(id).OkAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ToxicologysSubstancesJoinTheCaseAndTheLinkageCheckRunsAgainWithThem()
    {
        var officer = await app.OfficerAsync();
        var place = LinkageCases.NewPlace();
        // Same place and days apart, nothing else in common: below the threshold until both show GHB.
        object Death(string name, string foundAt, int age, string sex, string[] substances) => new
        {
            deceased = new { name, ageYears = age, sex }, foundAt,
            location = new { description = "a flat", latitude = place.Lat, longitude = place.Lon },
            circumstances = "found at home", substances, markers = Array.Empty<string>(), persons = Array.Empty<object>(),
        };
        var earlier = (await officer.CreateCaseAsync(Death("Earlier Death", "2014-06-19T04:05:00Z", 24, "male", ["GHB"]))).Id();
        var created = await officer.CreateCaseAsync(Death("Later Death", "2014-06-21T04:05:00Z", 71, "female", []));
        var id = created.Id();
        var liaison = created.GetProperty("officer").GetProperty("id").GetString()!;
        Assert.DoesNotContain((await officer.LinkageAsync(id)).Candidates(), k => k.GetProperty("caseId").GetString() == earlier);

        foreach (var step in new[] { "initial-report", "post-mortem-decision" })
            await officer.CompleteAsync(id, step, Answers(step, liaison)).OkAsync();
        var c = await officer.CompleteAsync(id, "post-mortem-toxicology", Fields(new()
        {
            ["causeOfDeath"] = "GHB toxicity", ["substancesFound"] = new[] { "GHB", " ghb", "alcohol" }, ["resultsReceivedAt"] = "2014-06-25T12:00:00Z",
        })).OkAsync();

        Assert.Equal(["GHB", "alcohol"], c.GetProperty("substances").Strings());
        Assert.Contains((await officer.LinkageAsync(id)).Candidates(), k => k.GetProperty("caseId").GetString() == earlier);
        var audit = (await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/audit")).EnumerateArray()
            .Last(e => e.GetProperty("action").GetString() == "step.completed");
        Assert.Equal(["GHB", "alcohol"], audit.GetProperty("data").GetProperty("substancesAdded").Strings());
    }

    // Previous incidents at the address: each test has its own street, far from every other test's cases.
    private static int _streets;

    private static (double Lat, double Lon) NewStreet()
    {
        var n = Interlocked.Increment(ref _streets);
        return (58.6 + n * 0.1, -3.5);
    }

    private static JsonObject DeathAt(string description, (double Lat, double Lon) place, int year, double metresNorth = 0)
    {
        var body = WorkflowChoiceTests.CaseOn(null);
        body["location"] = new JsonObject { ["description"] = description, ["latitude"] = place.Lat + metresNorth / 111_320, ["longitude"] = place.Lon };
        body["foundAt"] = $"{year}-03-01T04:05:00Z";
        return body;
    }

    private static string Reference(JsonElement c) => c.GetProperty("reference").GetString()!;

    private static object Check(params string[] incidents) =>
        Fields(new() { ["incidents"] = incidents, ["assessment"] = "Earlier deaths at this address: the same flat, weeks apart." });

    [Fact]
    public async Task ThePreviousIncidentsCheckListsEarlierCasesAtTheSameAddressOrWithin50MetresForTheOfficerToConfirm()
    {
        var officer = await app.OfficerAsync();
        var street = NewStreet();
        var sameAddress = await officer.CreateCaseAsync(DeathAt("12, Cooke Street, Barking", street, 2019, metresNorth: 400));
        var near = await officer.CreateCaseAsync(DeathAt("the flats behind the station", street, 2020, metresNorth: 30));
        var far = await officer.CreateCaseAsync(DeathAt("the flats behind the station", street, 2020, metresNorth: 300));
        var later = await officer.CreateCaseAsync(DeathAt("12 Cooke Street Barking", street, 2024));
        var c = await officer.CreateCaseAsync(DeathAt("12 cooke street,  BARKING.", street, 2022));
        var id = c.Id();
        var liaison = c.GetProperty("officer").GetProperty("id").GetString()!;
        await officer.CompleteAsync(id, "initial-report", Answers("initial-report", liaison)).OkAsync();

        var page = WebUtility.HtmlDecode(await (await Security.PageSession.SignedInAsync(app, "officer@demo.local")).GetStringAsync($"/cases/{id}/steps/previous-incidents"));
        var listed = page[page.IndexOf("id=\"earlier-incidents\"", StringComparison.Ordinal)..];
        listed = listed[..listed.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Contains(Reference(sameAddress), listed);
        Assert.Contains("same address", listed);
        Assert.Contains(Reference(near), listed);
        Assert.Contains("30 m away", listed);
        Assert.DoesNotContain(Reference(far), listed);
        Assert.DoesNotContain(Reference(later), listed); // found after this death: not an earlier incident

        var before = await app.SnapshotAsync();
        var refused = await (await officer.CompleteAsync(id, "previous-incidents", Check(Reference(near)))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal([$"confirm the earlier case {Reference(sameAddress)} listed for this address"],
            refused.GetProperty("errors").GetProperty("fields.incidents").Strings());
        await app.AssertUnchangedSinceAsync(before);

        var done = await officer.CompleteAsync(id, "previous-incidents", Check(Reference(near), Reference(sameAddress).ToLowerInvariant())).OkAsync();
        Assert.Equal("completed", done.StateOf("previous-incidents"));
    }

    [Fact]
    public async Task AnEarlierCaseRecordedAfterTheCheckSendsItBackAndOnAClosedCasePutsItOnTheReviewList()
    {
        var (officer, supervisor) = (await app.OfficerAsync(), await app.SupervisorAsync());
        var street = NewStreet();
        var open = await officer.CreateCaseAsync(DeathAt("7 Market Square, Dagenham", street, 2022));
        var liaison = open.GetProperty("officer").GetProperty("id").GetString()!;
        await officer.CompleteAsync(open.Id(), "initial-report", Answers("initial-report", liaison)).OkAsync();
        await officer.CompleteAsync(open.Id(), "previous-incidents", Check()).OkAsync();
        // Far from the first (1 km) and described otherwise: the two are not each other's incidents.
        var closed = await officer.CreateCaseAsync(DeathAt("Flat 2 above the shops", street, 2023, metresNorth: 1000));
        await ToClosedAsync(officer, supervisor, closed.Id(), liaison);

        // Recorded late: a death in 2015 at the first's address (by its text) and 10 m from the second. Both checks were done without it.
        var late = await officer.CreateCaseAsync(DeathAt("7 Market Square Dagenham", street, 2015, metresNorth: 1010));
        var reopened = await officer.GetCaseAsync(open.Id());
        Assert.Equal("returned", reopened.StateOf("previous-incidents"));
        Assert.Contains(Reference(late), reopened.Step("previous-incidents").GetProperty("returnReason").GetString());
        var closedNow = await officer.GetCaseAsync(closed.Id());
        Assert.Equal("closed", closedNow.GetProperty("status").GetString());
        Assert.Equal("returned", closedNow.StateOf("previous-incidents"));
        Assert.True(closedNow.GetProperty("needsReview").GetBoolean());
        var audit = await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{closed.Id()}/audit");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "step.reopened");

        // A second late case: the check, done again with the first, goes back once more; a later death does not send it back.
        await officer.CompleteAsync(open.Id(), "previous-incidents", Check(Reference(late))).OkAsync();
        await officer.CreateCaseAsync(DeathAt("7 Market Square Dagenham", street, 2025));
        Assert.Equal("completed", (await officer.GetCaseAsync(open.Id())).StateOf("previous-incidents"));
        var second = await officer.CreateCaseAsync(DeathAt("7 Market Square Dagenham", street, 2016, metresNorth: 2000));
        Assert.Equal("returned", (await officer.GetCaseAsync(open.Id())).StateOf("previous-incidents"));
        await officer.CompleteAsync(open.Id(), "previous-incidents", Check(Reference(late), Reference(second))).OkAsync();

        // On the closed case the officer does the check again with the late case.
        var redone = await officer.CompleteAsync(closed.Id(), "previous-incidents", Check(Reference(late))).OkAsync();
        Assert.Equal("completed", redone.StateOf("previous-incidents"));
        Assert.False(redone.GetProperty("needsReview").GetBoolean());
    }

    private static Task<HttpResponseMessage> MoveAsync(HttpClient officer, JsonElement c, string description, (double Lat, double Lon) place, double metresNorth) =>
        officer.PatchAsJsonAsync($"/api/cases/{c.Id()}",
            new { location = new { description, latitude = place.Lat + metresNorth / 111_320, longitude = place.Lon } });

    private async Task<int> ReopenedAsync(HttpClient officer, JsonElement c) =>
        (await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{c.Id()}/audit")).EnumerateArray().Count(e => e.GetProperty("action").GetString() == "step.reopened");

    /// <summary>A case with its previous-incidents check done (finding nothing) at a place with no earlier case.</summary>
    private static async Task<JsonElement> CheckedAsync(HttpClient officer, string description, (double Lat, double Lon) street, int year, double metresNorth = 0)
    {
        var c = await officer.CreateCaseAsync(DeathAt(description, street, year, metresNorth));
        await officer.CompleteAsync(c.Id(), "initial-report", Answers("initial-report", c.GetProperty("officer").GetProperty("id").GetString()!)).OkAsync();
        await officer.CompleteAsync(c.Id(), "previous-incidents", Check()).OkAsync();
        return c;
    }

    [Fact]
    public async Task APlaceCorrectedOntoAnEarlierCasesAddressSendsBothChecksBackAndTheSameCorrectionAgainChangesNothing()
    {
        var officer = await app.OfficerAsync();
        var street = NewStreet();
        var earlier = await officer.CreateCaseAsync(DeathAt("3 Mill Lane, Barking", street, 2019, metresNorth: 2000));
        var c = await CheckedAsync(officer, "the flats by the park", street, 2022);
        // Found later at Mill Lane: its check lists the earlier case, and could not list this one, which was elsewhere then.
        var later = await officer.CreateCaseAsync(DeathAt("3 Mill Lane Barking", street, 2024, metresNorth: 2000));
        await officer.CompleteAsync(later.Id(), "initial-report", Answers("initial-report", later.GetProperty("officer").GetProperty("id").GetString()!)).OkAsync();
        await officer.CompleteAsync(later.Id(), "previous-incidents", Check(Reference(earlier))).OkAsync();

        var patched = await MoveAsync(officer, c, "3, Mill Lane, Barking", street, metresNorth: 2000).OkAsync();

        Assert.Equal("returned", patched.StateOf("previous-incidents"));
        Assert.Contains(Reference(earlier), patched.Step("previous-incidents").GetProperty("returnReason").GetString());
        var laterNow = await officer.GetCaseAsync(later.Id());
        Assert.Equal("returned", laterNow.StateOf("previous-incidents"));
        Assert.Contains(Reference(c), laterNow.Step("previous-incidents").GetProperty("returnReason").GetString());
        Assert.Equal((1, 1), (await ReopenedAsync(officer, c), await ReopenedAsync(officer, later)));

        // The checks done again with the cases now listed; the same correction once more sends neither back.
        await officer.CompleteAsync(c.Id(), "previous-incidents", Check(Reference(earlier))).OkAsync();
        await officer.CompleteAsync(later.Id(), "previous-incidents", Check(Reference(earlier), Reference(c))).OkAsync();
        var again = await MoveAsync(officer, c, "3, Mill Lane, Barking", street, metresNorth: 2000).OkAsync();
        Assert.Equal("completed", again.StateOf("previous-incidents"));
        Assert.Equal("completed", (await officer.GetCaseAsync(later.Id())).StateOf("previous-incidents"));
        Assert.Equal((1, 1), (await ReopenedAsync(officer, c), await ReopenedAsync(officer, later)));
    }

    [Fact]
    public async Task APlaceCorrectedOnAClosedCaseOntoAnEarlierCaseSendsItsCheckBackAndPutsItOnTheReviewList()
    {
        var (officer, supervisor) = (await app.OfficerAsync(), await app.SupervisorAsync());
        var street = NewStreet();
        var earlier = await officer.CreateCaseAsync(DeathAt("21 Dock Street, Rainham", street, 2015, metresNorth: 3000));
        var closed = await officer.CreateCaseAsync(DeathAt("Flat 9 above the quay", street, 2023));
        await ToClosedAsync(officer, supervisor, closed.Id(), closed.GetProperty("officer").GetProperty("id").GetString()!);

        var patched = await MoveAsync(officer, closed, "Flat 9, 21 Dock Street, Rainham", street, metresNorth: 3010).OkAsync();

        Assert.Equal("closed", patched.GetProperty("status").GetString());
        Assert.Equal("returned", patched.StateOf("previous-incidents"));
        Assert.Contains(Reference(earlier), patched.Step("previous-incidents").GetProperty("returnReason").GetString());
        Assert.True(patched.GetProperty("needsReview").GetBoolean());
        Assert.Equal(1, await ReopenedAsync(officer, closed));
    }

    [Fact]
    public async Task APlaceCorrectedOntoAnAddressWithNoOtherCaseLeavesTheCheckAlone()
    {
        var officer = await app.OfficerAsync();
        var street = NewStreet();
        await officer.CreateCaseAsync(DeathAt("40 Ripple Road", street, 2018, metresNorth: 5000));
        var c = await CheckedAsync(officer, "the flats by the park", street, 2022);

        var patched = await MoveAsync(officer, c, "41 Ripple Road", street, metresNorth: 4000).OkAsync();

        Assert.Equal("completed", patched.StateOf("previous-incidents"));
        Assert.Equal(0, await ReopenedAsync(officer, c));
    }

    private async Task ToClosedAsync(HttpClient officer, HttpClient supervisor, string id, string liaison)
    {
        await InvestigateAsync(officer, supervisor, id, liaison);
        await supervisor.SignOffAsync(id, "approve").OkAsync();
        await officer.ClassifyAsync(id, "not-suspicious").OkAsync();
        await supervisor.ApproveClassificationAsync(id).OkAsync();
        await officer.CompleteAsync(id, "coroner-report", Answers("coroner-report", liaison)).OkAsync();
        await officer.CompleteAsync(id, "family-outcome", Answers("family-outcome", liaison)).OkAsync();
        await supervisor.SignOffAsync(id, "approve", step: "coroner-report-review").OkAsync();
        await officer.CloseAsync(id).OkAsync();
    }
}
