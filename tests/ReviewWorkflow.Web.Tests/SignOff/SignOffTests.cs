using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.SignOff;

/// <summary>Supervisors sign off work they did not do; returned work is redone in the open and signed off again.</summary>
public sealed class SignOffTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    private const string ReturnReason = "The laptop of the reporting person was not considered.";

    [Fact]
    public async Task SupervisorCannotApproveWorkTheyDidAndTheRefusalSaysWhich()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var id = (await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase())).Id();
        await officer.CompleteAsync(id, "initial-report", Api.InitialReport).OkAsync();
        // A supervisor may do an officer's task; then someone else must approve it.
        await supervisor.CompleteAsync(id, "digital-devices", ProcedureWalk.Answers("digital-devices")).OkAsync();
        await officer.CompleteWorkAsync(id);
        var before = await app.SnapshotAsync();

        var problem = await (await supervisor.SignOffAsync(id, "approve")).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal([$"you completed digital-devices on {Minutes(app.Clock.GetUtcNow())}; a supervisor who did the work may not approve it"],
            problem.GetProperty("unmet").Strings());
        await app.AssertUnchangedSinceAsync(before);
        var approved = await (await app.InspectorAsync()).SignOffAsync(id, "approve").OkAsync();
        Assert.Equal("completed", approved.StateOf("supervisor-review"));
    }

    [Fact]
    public async Task SigningOffTwiceIsRefused()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var id = (await officer.ToApprovedAsync(supervisor)).Id();
        var before = await app.SnapshotAsync();

        var problem = await (await supervisor.SignOffAsync(id, "approve")).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("supervisor-review is already completed", problem.GetProperty("detail").GetString());
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task ReturnedStepsAreRedoneWithTheirHistoryVisibleAndSignedOffAgain()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var id = (await officer.ToReadyForSignOffAsync()).Id();
        app.Clock.Advance(TimeSpan.FromMinutes(20));

        var returned = await supervisor.SignOffAsync(id, "return", ReturnReason, ["digital-devices", "intelligence-checks"]).OkAsync();

        Assert.Equal("returned", returned.StateOf("digital-devices"));
        Assert.Equal("returned", returned.StateOf("intelligence-checks"));
        Assert.Equal(ReturnReason, returned.Step("digital-devices").GetProperty("returnReason").GetString());
        Assert.Equal("blocked", returned.StateOf("supervisor-review"));
        Assert.Contains($"digital-devices: returned by supervisor-review — {ReturnReason}", returned.GetProperty("unmet").Strings());

        app.Clock.Advance(TimeSpan.FromMinutes(20));
        var redoneAnswers = new
        {
            fields = new Dictionary<string, object>
            {
                ["devices"] = new[] { "deceased's phone", "reporting person's laptop" },
                ["decisions"] = "Laptop seized and examined: no contact with the deceased.",
            },
            note = "laptop now examined",
        };
        await officer.CompleteAsync(id, "digital-devices", redoneAnswers).OkAsync();
        var afterOne = await officer.GetCaseAsync(id);
        Assert.Equal("blocked", afterOne.StateOf("supervisor-review"));
        var redone = await officer.CompleteWorkAsync(id);
        Assert.Equal("available", redone.StateOf("supervisor-review"));

        // The step keeps its whole story, oldest first: first answers, the return and why, the redo.
        var history = await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/steps/digital-devices");
        Assert.Equal("completed", history.GetProperty("state").GetString());
        var activities = history.GetProperty("activities").EnumerateArray().ToList();
        Assert.Equal(["completed", "returned", "completed"], activities.Select(a => a.GetProperty("kind").GetString()!).ToList());
        Assert.Equal(["deceased's phone"], activities[0].GetProperty("fields").GetProperty("devices").Strings());
        Assert.Equal(ReturnReason, activities[1].GetProperty("note").GetString());
        Assert.Equal("supervisor-review", activities[1].GetProperty("returnedBy").GetString());
        Assert.Equal("Sam Supervisor", activities[1].GetProperty("by").GetProperty("displayName").GetString());
        Assert.Equal(["deceased's phone", "reporting person's laptop"], activities[2].GetProperty("fields").GetProperty("devices").Strings());
        Assert.Equal("laptop now examined", activities[2].GetProperty("note").GetString());
        Assert.True(activities[0].GetProperty("at").GetDateTimeOffset() < activities[1].GetProperty("at").GetDateTimeOffset());

        // The sign-off's own history shows the returns it made.
        var review = await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/steps/supervisor-review");
        Assert.Equal(["digital-devices", "intelligence-checks"],
            review.GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("step").GetString()!).ToList());
        Assert.Contains("homicide-referral", review.GetProperty("approves").Strings());

        var approved = await supervisor.SignOffAsync(id, "approve").OkAsync();
        Assert.Equal("completed", approved.StateOf("supervisor-review"));
        Assert.Equal(["classification: still under-investigation"], approved.GetProperty("unmet").Strings());
    }

    [Fact]
    public async Task ReturningAStepTheSignOffDoesNotCoverIsRefusedAndChangesNothing()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var id = (await officer.ToReadyForSignOffAsync()).Id();
        var before = await app.SnapshotAsync();

        var problem = await (await supervisor.SignOffAsync(id, "return", ReturnReason, ["digital-devices", "classification"]))
            .ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["'classification' is not covered by supervisor-review"], problem.GetProperty("errors").GetProperty("returnSteps[1]").Strings());
        await app.AssertUnchangedSinceAsync(before);
    }

    [Theory]
    [InlineData("reject", "Good enough for me.", "decision", "must be one of: approve, return")]
    [InlineData("approve", "", "rationale", "required")]
    [InlineData("return", "Redo it.", "returnSteps", "name at least one step to return")]
    public async Task BadSignOffInputIsRefusedFieldByFieldAndChangesNothing(string decision, string rationale, string field, string message)
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var id = (await officer.ToReadyForSignOffAsync()).Id();
        var before = await app.SnapshotAsync();

        var problem = await (await supervisor.SignOffAsync(id, decision, rationale)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal([message], problem.GetProperty("errors").GetProperty(field).Strings());
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task SupervisorOfAnotherTeamCannotFindTheCase()
    {
        var officer = await app.OfficerAsync();
        var west = await app.ClientForAsync("supervisor.west@demo.local");
        var id = (await officer.ToReadyForSignOffAsync()).Id();
        var before = await app.SnapshotAsync();

        await (await west.SignOffAsync(id, "approve")).ProblemAsync(HttpStatusCode.NotFound);
        await (await west.GetAsync($"/api/cases/{id}/steps/supervisor-review")).ProblemAsync(HttpStatusCode.NotFound);
        await (await west.RequestReferralAsync(id, "Looks like the churchyard deaths.")).ProblemAsync(HttpStatusCode.NotFound);
        // Bad input to another team's case is still "not found": validation must not reveal the case.
        var overlong = new string('a', 10_001);
        await (await west.SignOffAsync(id, "approve", overlong)).ProblemAsync(HttpStatusCode.NotFound);
        await (await west.RequestReferralAsync(id, overlong)).ProblemAsync(HttpStatusCode.NotFound);
        await (await west.ClassifyAsync(id, "homicide", overlong)).ProblemAsync(HttpStatusCode.NotFound);
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task OverlongRationaleIsRefusedNamingTheField()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.ToReadyForSignOffAsync()).Id();
        var before = await app.SnapshotAsync();

        var problem = await (await (await app.SupervisorAsync()).SignOffAsync(id, "approve", new string('a', 10_001))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["at most 10000 characters"], problem.GetProperty("errors").GetProperty("rationale").Strings());
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task UnknownStepHasNoHistory()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase())).Id();

        var problem = await (await officer.GetAsync($"/api/cases/{id}/steps/peer-review")).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal("no step 'peer-review' in this workflow", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task LateWorkInAnApprovedStepNeedsTheSignOffAgain()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var id = (await officer.ToApprovedAsync(supervisor)).Id();

        // A supervisor asks for a referral after approving: the approval did not cover one.
        var requested = await supervisor.RequestReferralAsync(id, "A second death at the same churchyard has been reported.").OkAsync();

        Assert.Equal("available", requested.StateOf("homicide-referral"));
        Assert.Equal("blocked", requested.StateOf("supervisor-review"));
        Assert.Contains("supervisor-review: approval lapsed — homicide-referral became required after the approval; it must be signed off again",
            requested.GetProperty("unmet").Strings());
        var lapsed = await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/steps/supervisor-review");
        Assert.Equal("homicide-referral became required after the approval", lapsed.GetProperty("lapsed").GetString());

        var referred = await officer.CompleteAsync(id, "homicide-referral", ProcedureWalk.Answers("homicide-referral")).OkAsync();
        Assert.Equal("available", referred.StateOf("supervisor-review"));
        Assert.Equal("DCI Green, MIT 4", referred.GetProperty("owner").GetString());

        var again = await supervisor.SignOffAsync(id, "approve").OkAsync();
        Assert.Equal("completed", again.StateOf("supervisor-review"));
        Assert.DoesNotContain(again.GetProperty("unmet").Strings(), u => u.StartsWith("supervisor-review", StringComparison.Ordinal));
    }

    private static string Minutes(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC";
}
