using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.SignOff;

/// <summary>
/// F3: the homicide command declined cases and was not told of significant incidents. A referral is
/// a recorded step with an outcome; a declined one needs its reasons and an inspector's sign-off.
/// </summary>
public sealed class ReferralTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    private const string RequestRationale = "Second death at the same churchyard wall within a month.";
    private const string NeedsInspector = "referral-decline-review: not completed — needs sign-off by an inspector";

    [Fact]
    public async Task SupervisorsRequestMakesTheReferralRequiredAndIsAudited()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase())).Id();
        await officer.CompleteAsync(id, "initial-report", Api.InitialReport).OkAsync();

        var c = await (await app.SupervisorAsync()).RequestReferralAsync(id, $"  {RequestRationale}  ").OkAsync();

        Assert.True(c.GetProperty("referralRequested").GetBoolean());
        Assert.Equal("available", c.StateOf("homicide-referral"));
        var audit = (await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/audit")).EnumerateArray().Last();
        Assert.Equal("case.referral-requested", audit.GetProperty("action").GetString());
        Assert.Equal("Sam Supervisor", audit.GetProperty("actor").GetString());
        var recorded = audit.GetProperty("data").GetProperty("events")[0];
        Assert.Equal(("referral-requested", RequestRationale), (recorded.GetProperty("type").GetString(), recorded.GetProperty("rationale").GetString()));
    }

    [Fact]
    public async Task ReferralRequestsAreRefusedWithTheReasonAndChangeNothing()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var admin = await app.AdminAsync(); // signed in before the snapshot: a sign-in records its refresh token
        var id = (await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase())).Id();
        var before = await app.SnapshotAsync();

        Assert.Equal("only a supervisor may request a homicide referral",
            (await (await officer.RequestReferralAsync(id, RequestRationale)).ProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString());
        Assert.Equal(["a rationale of at least 10 characters is required"],
            (await (await supervisor.RequestReferralAsync(id, "tbc")).ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("rationale").Strings());
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.RequestReferralAsync(id, RequestRationale)).StatusCode);
        await app.AssertUnchangedSinceAsync(before);

        await supervisor.RequestReferralAsync(id, RequestRationale).OkAsync();
        before = await app.SnapshotAsync();
        Assert.Equal("a homicide referral has already been requested",
            (await (await (await app.InspectorAsync()).RequestReferralAsync(id, RequestRationale)).ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task AcceptedReferralMakesTheHomicideCommandTheOwner()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.ToReadyForSignOffAsync()).Id();
        await (await app.SupervisorAsync()).RequestReferralAsync(id, RequestRationale).OkAsync();

        var c = await officer.CompleteAsync(id, "homicide-referral", ProcedureWalk.Referral("accepted")).OkAsync();

        Assert.Equal("DCI Green, MIT 4", c.GetProperty("owner").GetString());
        Assert.Equal("not-applicable", c.StateOf("referral-decline-review"));
        var events = (await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/audit")).EnumerateArray().Last().GetProperty("data").GetProperty("events");
        Assert.Equal("DCI Green, MIT 4", events.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "owner-changed").GetProperty("owner").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("n/a")]
    public async Task DeclinedReferralWithoutTheReasonsIsRefusedAndChangesNothing(string? reasons)
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.ToReadyForSignOffAsync()).Id();
        await (await app.SupervisorAsync()).RequestReferralAsync(id, RequestRationale).OkAsync();
        var before = await app.SnapshotAsync();

        var problem = await (await officer.CompleteAsync(id, "homicide-referral", ProcedureWalk.Referral("declined", reasons)))
            .ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["required when the referral is declined: record the reasons the homicide command gave"],
            problem.GetProperty("errors").GetProperty("fields.reasons").Strings());
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task DeclinedReferralBlocksClassificationAndClosureUntilAnInspectorSignsItOff()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var inspector = await app.InspectorAsync();
        var id = (await officer.ToReadyForSignOffAsync()).Id();
        await supervisor.RequestReferralAsync(id, RequestRationale).OkAsync();
        var declined = await officer.CompleteAsync(id, "homicide-referral", ProcedureWalk.Referral("declined")).OkAsync();
        Assert.Equal(JsonValueKind.Null, declined.GetProperty("owner").ValueKind);
        Assert.Equal("available", declined.StateOf("referral-decline-review"));
        await supervisor.SignOffAsync(id, "approve").OkAsync();
        var before = await app.SnapshotAsync();

        Assert.Equal([NeedsInspector],
            (await (await officer.ClassifyAsync(id, "not-suspicious")).ProblemAsync(HttpStatusCode.Conflict)).GetProperty("unmet").Strings());
        Assert.Contains(NeedsInspector,
            (await (await officer.CloseAsync(id)).ProblemAsync(HttpStatusCode.Conflict)).GetProperty("unmet").Strings());
        Assert.Equal("only an inspector may sign off referral-decline-review",
            (await (await supervisor.SignOffAsync(id, "approve", step: "referral-decline-review")).ProblemAsync(HttpStatusCode.Forbidden))
            .GetProperty("detail").GetString());
        await app.AssertUnchangedSinceAsync(before);

        var reviewed = await inspector.SignOffAsync(id, "approve", "Reasons are specific and match the post-mortem findings.", step: "referral-decline-review").OkAsync();
        Assert.Equal("completed", reviewed.StateOf("referral-decline-review"));
        await officer.ClassifyAsync(id, "not-suspicious").OkAsync();
        await supervisor.ApproveClassificationAsync(id).OkAsync();
        // A referral was made (and declined): "not suspicious" needs an inspector's approval as well (F3, F7).
        Assert.Equal(["classification-inspector-review: not completed — needs sign-off by an inspector"],
            (await (await officer.CloseAsync(id)).ProblemAsync(HttpStatusCode.Conflict)).GetProperty("unmet").Strings());
        await inspector.ApproveClassificationAsync(id, "classification-inspector-review").OkAsync();
        Assert.Equal("closed", (await officer.CloseAsync(id).OkAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task InspectorWhoRecordedTheDeclineCannotApproveIt()
    {
        var officer = await app.OfficerAsync();
        var inspector = await app.InspectorAsync();
        var id = (await officer.ToReadyForSignOffAsync()).Id();
        await inspector.RequestReferralAsync(id, RequestRationale).OkAsync();
        await inspector.CompleteAsync(id, "homicide-referral", ProcedureWalk.Referral("declined")).OkAsync();
        var before = await app.SnapshotAsync();

        var problem = await (await inspector.SignOffAsync(id, "approve", step: "referral-decline-review")).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.StartsWith("you completed homicide-referral on ", problem.GetProperty("detail").GetString());
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task InspectorMaySendTheDeclinedReferralBackToBeMadeAgain()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.ToReadyForSignOffAsync()).Id();
        await (await app.SupervisorAsync()).RequestReferralAsync(id, RequestRationale).OkAsync();
        await officer.CompleteAsync(id, "homicide-referral", ProcedureWalk.Referral("declined")).OkAsync();

        var c = await (await app.InspectorAsync()).SignOffAsync(id, "return", "Put the churchyard link to the command in writing.",
            ["homicide-referral"], "referral-decline-review").OkAsync();

        Assert.Equal("returned", c.StateOf("homicide-referral"));
        Assert.Contains("homicide-referral: returned by referral-decline-review — Put the churchyard link to the command in writing.",
            c.GetProperty("unmet").Strings());
        var accepted = await officer.CompleteAsync(id, "homicide-referral", ProcedureWalk.Referral("accepted")).OkAsync();
        Assert.Equal("not-applicable", accepted.StateOf("referral-decline-review"));
        Assert.Equal("DCI Green, MIT 4", accepted.GetProperty("owner").GetString());
    }
}
