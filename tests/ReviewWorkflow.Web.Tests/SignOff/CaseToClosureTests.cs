using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.SignOff;

/// <summary>
/// A case from its report to its closure through every gate of the procedure, with each premature
/// or unauthorised decision refused on the way (F7: deaths were classed "not suspicious" within hours).
/// </summary>
public sealed class CaseToClosureTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    [Fact]
    public async Task CaseWalksFromCreationToClosureThroughEveryGate()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var created = await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase());
        var id = created.Id();
        Assert.Equal("under-investigation", created.GetProperty("classification").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("owner").ValueKind);

        // Nothing decided before the work is done: each refusal says what is missing and changes nothing.
        var before = await app.SnapshotAsync();
        Assert.Equal("classification is blocked: waits for initial-report (available)",
            (await (await officer.ClassifyAsync(id, "not-suspicious")).ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        var early = await (await supervisor.SignOffAsync(id, "approve")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.StartsWith("supervisor-review is blocked: waits for initial-report (available), intelligence-checks (blocked)", early.GetProperty("detail").GetString());
        await app.AssertUnchangedSinceAsync(before);

        await officer.CompleteAsync(id, "initial-report", Api.InitialReport).OkAsync();
        before = await app.SnapshotAsync();
        var premature = await (await officer.ClassifyAsync(id, "not-suspicious")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(
            [
                "intelligence-checks: not completed", "linkage-check: not completed",
                "family-notification: not completed", "family-information: not completed", "digital-devices: not completed",
                "post-mortem-toxicology: not completed", "supervisor-review: not completed",
            ],
            premature.GetProperty("unmet").Strings());
        var closing = await (await officer.CloseAsync(id)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("classification: still under-investigation", closing.GetProperty("unmet").Strings());
        await app.AssertUnchangedSinceAsync(before);

        // The work, with the registers empty: no linkage candidates, no family information items.
        var ready = await officer.CompleteWorkAsync(id);
        Assert.Equal("available", ready.StateOf("supervisor-review"));
        Assert.Equal("not-applicable", ready.StateOf("homicide-referral"));
        Assert.Equal("not-applicable", ready.StateOf("referral-decline-review"));
        Assert.Equal(["supervisor-review: not completed", "classification: still under-investigation"], ready.GetProperty("unmet").Strings());

        // Still no "not suspicious" without the supervisor, and no officer signs off.
        before = await app.SnapshotAsync();
        Assert.Equal(["supervisor-review: not completed"],
            (await (await officer.ClassifyAsync(id, "not-suspicious")).ProblemAsync(HttpStatusCode.Conflict)).GetProperty("unmet").Strings());
        Assert.Equal("only a supervisor may sign off supervisor-review",
            (await (await officer.SignOffAsync(id, "approve")).ProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString());
        await app.AssertUnchangedSinceAsync(before);

        var approved = await supervisor.SignOffAsync(id, "approve").OkAsync();
        Assert.Equal("completed", approved.StateOf("supervisor-review"));
        Assert.Equal("Sam Supervisor", approved.Step("supervisor-review").GetProperty("completedBy").GetProperty("displayName").GetString());
        Assert.Equal(["classification: still under-investigation"], approved.GetProperty("unmet").Strings());

        var classified = await officer.ClassifyAsync(id, "not-suspicious").OkAsync();
        Assert.Equal("not-suspicious", classified.GetProperty("classification").GetString());
        Assert.False(classified.GetProperty("canClose").GetBoolean());
        Assert.Equal(["classification-review: not completed"], classified.GetProperty("unmet").Strings());
        Assert.True((await supervisor.ApproveClassificationAsync(id).OkAsync()).GetProperty("canClose").GetBoolean());

        var closed = await officer.CloseAsync(id).OkAsync();
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal("completed", closed.StateOf("closure"));
        Assert.Empty(closed.GetProperty("unmet").EnumerateArray());
        Assert.Equal(
            ["case.created", .. Enumerable.Repeat("step.completed", 7), "step.signed-off", "case.classified", "step.signed-off", "case.closed"],
            (await Audit(officer, id)).Select(e => e.GetProperty("action").GetString()!).ToList());
    }

    [Fact]
    public async Task EveryChangeOfCategoryIsAuditedWithItsRationale()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.ToApprovedAsync(await app.SupervisorAsync())).Id();

        await officer.ClassifyAsync(id, "not-suspicious").OkAsync();
        await officer.ClassifyAsync(id, "homicide", "Second post-mortem found injuries a third party inflicted.").OkAsync();

        var changes = (await Audit(officer, id))
            .Where(e => e.GetProperty("action").GetString() == "case.classified")
            .Select(e => e.GetProperty("data").GetProperty("events").EnumerateArray().Single(x => x.GetProperty("type").GetString() == "classified"))
            .Select(x => (x.GetProperty("before").GetString(), x.GetProperty("after").GetString(), x.GetProperty("rationale").GetString()))
            .ToList();
        Assert.Equal(
            [
                ("under-investigation", "not-suspicious", ProcedureWalk.ClassificationRationale),
                ("not-suspicious", "homicide", "Second post-mortem found injuries a third party inflicted."),
            ],
            changes);
    }

    [Fact]
    public async Task HomicideMayBeClassifiedAtOnceAndMakesTheReferralRequired()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase())).Id();
        await officer.CompleteAsync(id, "initial-report", Api.InitialReport).OkAsync();

        var c = await officer.ClassifyAsync(id, "homicide", "Stab wounds to the chest; a third party is certain.").OkAsync();

        Assert.Equal("homicide", c.GetProperty("classification").GetString());
        Assert.Equal("available", c.StateOf("homicide-referral"));
        Assert.Contains("homicide-referral: not completed", c.GetProperty("unmet").Strings());
    }

    [Theory]
    [InlineData("suicide", "category", "must be one of: expected, not-suspicious, under-investigation, homicide")]
    [InlineData("", "category", "must be one of: expected, not-suspicious, under-investigation, homicide")]
    public async Task CategoryOutsideTheListIsRefusedAndChangesNothing(string category, string field, string message)
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.ToApprovedAsync(await app.SupervisorAsync())).Id();
        var before = await app.SnapshotAsync();

        var problem = await (await officer.ClassifyAsync(id, category)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal([message], problem.GetProperty("errors").GetProperty(field).Strings());
        await app.AssertUnchangedSinceAsync(before);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("n/a")]
    [InlineData("..............................................")]
    [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("Nothing suspicious.")]
    public async Task RationaleWithoutSubstanceIsRefusedAndChangesNothing(string? rationale)
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.ToApprovedAsync(await app.SupervisorAsync())).Id();
        var before = await app.SnapshotAsync();

        var problem = await (await officer.ClassifyAsync(id, "not-suspicious", rationale)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["a rationale of at least 30 characters is required"], problem.GetProperty("errors").GetProperty("rationale").Strings());
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task ClosedCaseRefusesEveryDecisionWithTheReasonAndChangesNothing()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var id = (await officer.ToReadyToCloseAsync(supervisor)).Id();
        await officer.CloseAsync(id).OkAsync();
        var before = await app.SnapshotAsync();

        var refusals = new[]
        {
            await officer.CompleteAsync(id, "digital-devices", ProcedureWalk.Answers("digital-devices")),
            await supervisor.SignOffAsync(id, "return", "Laptop decision needs redoing.", ["digital-devices"]),
            await officer.ClassifyAsync(id, "homicide", "New evidence of a third party came in after closure."),
            await officer.CloseAsync(id),
            await supervisor.RequestReferralAsync(id, "The family raised a link with another death."),
        };

        foreach (var response in refusals)
            Assert.Equal("the case is closed", (await response.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task NewFactsAfterClosureAreKeptAndFlagTheCaseForReview()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.ToReadyToCloseAsync(await app.SupervisorAsync())).Id();
        var closed = await officer.CloseAsync(id).OkAsync();
        Assert.False(closed.GetProperty("needsReview").GetBoolean());

        var c = await officer.PatchAsJsonAsync($"/api/cases/{id}", new { substances = new[] { "GHB" } }).OkAsync();

        Assert.Equal("closed", c.GetProperty("status").GetString());
        Assert.True(c.GetProperty("needsReview").GetBoolean());
        Assert.Equal(["GHB"], c.GetProperty("substances").Strings());
        var audit = (await Audit(officer, id)).Last();
        Assert.Equal("case.facts-added", audit.GetProperty("action").GetString());
        Assert.True(audit.GetProperty("data").GetProperty("needsReview").GetBoolean());
    }

    [Fact]
    public async Task NewFactsOnAnOpenCaseDoNotFlagIt()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase())).Id();

        var c = await officer.PatchAsJsonAsync($"/api/cases/{id}", new { substances = new[] { "GHB" } }).OkAsync();

        Assert.False(c.GetProperty("needsReview").GetBoolean());
    }

    private static async Task<List<JsonElement>> Audit(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/audit")).EnumerateArray().ToList();
}
