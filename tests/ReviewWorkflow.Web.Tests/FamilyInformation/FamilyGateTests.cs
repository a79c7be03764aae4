using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewWorkflow.Engine.Evaluation;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.FamilyInformation;

/// <summary>Open family information stops a "not suspicious" finding and closure, and brings a closed case back for review.</summary>
public sealed class FamilyGateTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    [Fact]
    public async Task ClosureIsRefusedWhileAnItemIsOpenAndTheRefusalNamesTheItem()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.ToReadyToCloseAsync(await app.SupervisorAsync())).Id();
        var receivedAt = new DateTimeOffset(Now.Year, Now.Month, Now.Day, 8, 15, 0, TimeSpan.Zero);
        var itemId = (await officer.LoggedAsync(id, Register.Item(receivedAt))).ItemId();
        var before = await app.SnapshotAsync();

        var problem = await (await officer.CloseAsync(id)).ProblemAsync(HttpStatusCode.Conflict);

        var reason = Assert.Single(problem.GetProperty("unmet").Strings());
        Assert.Equal($"family-information: 1 family information item open: FI-1 from Dana Dunn (sister), received {receivedAt:yyyy-MM-dd} 08:15 UTC, "
            + $"due {receivedAt.AddHours(72):yyyy-MM-dd} 08:15 UTC", reason);
        await app.AssertUnchangedSinceAsync(before);

        await officer.ActAsync(id, itemId);
        Assert.Equal(HttpStatusCode.OK, (await officer.RespondAsync(id, itemId)).StatusCode);
        // The approval did not cover the handling of this item: a supervisor signs it off again.
        var unreviewed = await (await officer.CloseAsync(id)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.StartsWith("supervisor-review: approval lapsed — new work in family-information on ",
            Assert.Single(unreviewed.GetProperty("unmet").Strings()));
        await (await app.SupervisorAsync()).SignOffAsync(id, "approve").OkAsync();
        var closed = await officer.CloseAsync(id);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal("closed", (await closed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task NotSuspiciousIsRefusedWhileAnItemIsOpenButHomicideNeverIs()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase())).Id();
        await officer.CompleteWorkAsync(id);
        await (await app.SupervisorAsync()).SignOffAsync(id, "approve").OkAsync();
        await officer.LoggedAsync(id, Register.Item(Now.AddHours(-1), name: "Kim Lee", relationship: "friend"));
        var before = await app.SnapshotAsync();

        var problem = await (await officer.PostAsJsonAsync($"/api/cases/{id}/classification",
            new { category = "not-suspicious", rationale = ProcedureWalk.ClassificationRationale })).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("FI-1 from Kim Lee (friend)", Assert.Single(problem.GetProperty("unmet").Strings()));
        await app.AssertUnchangedSinceAsync(before);
        await officer.ClassifyAsync(id, "homicide").OkAsync();
    }

    [Fact]
    public async Task AnItemReceivedOnAClosedCasePutsItBackForReviewUntilItIsAnswered()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.ToClosedAsync(await app.SupervisorAsync())).Id();
        Assert.False((await officer.GetCaseAsync(id)).GetProperty("needsReview").GetBoolean());

        var itemId = (await officer.LoggedAsync(id, Register.Item(Now.AddMinutes(-30), summary: "His friend says the man from the app was at the flat."))).ItemId();

        var c = await officer.GetCaseAsync(id);
        Assert.Equal("closed", c.GetProperty("status").GetString());
        Assert.True(c.GetProperty("needsReview").GetBoolean());
        Assert.Equal("available", c.StateOf("family-information"));
        Assert.Equal(StepState.Available, StoredState(id, "family-information")); // what lists and the sweep read
        Assert.Contains("FI-1 from Dana Dunn (sister)", Assert.Single(c.GetProperty("unmet").Strings()));
        Assert.Contains(id, await ReviewListAsync(officer));

        Assert.Equal(HttpStatusCode.OK, (await officer.ActAsync(id, itemId)).StatusCode);
        Assert.True((await officer.GetCaseAsync(id)).GetProperty("needsReview").GetBoolean()); // actioned is not yet answered
        Assert.Equal(HttpStatusCode.OK, (await officer.RespondAsync(id, itemId)).StatusCode);

        c = await officer.GetCaseAsync(id);
        Assert.False(c.GetProperty("needsReview").GetBoolean());
        Assert.Equal("completed", c.StateOf("family-information"));
        Assert.Equal(StepState.Completed, StoredState(id, "family-information"));
        Assert.Empty(c.GetProperty("unmet").Strings());
        Assert.DoesNotContain(id, await ReviewListAsync(officer));
    }

    [Fact]
    public async Task AnsweringOneOfTwoLateItemsKeepsTheCaseUnderReview()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.ToClosedAsync(await app.SupervisorAsync())).Id();
        var first = (await officer.LoggedAsync(id, Register.Item(Now.AddMinutes(-30)))).ItemId();
        await officer.LoggedAsync(id, Register.Item(Now.AddMinutes(-20), name: "Kim Lee", relationship: "friend"));

        await officer.ActAsync(id, first);
        await officer.RespondAsync(id, first);

        var c = await officer.GetCaseAsync(id);
        Assert.True(c.GetProperty("needsReview").GetBoolean());
        Assert.Contains("FI-2 from Kim Lee (friend)", Assert.Single(c.GetProperty("unmet").Strings()));
    }

    [Fact]
    public async Task ASupervisorWhoActionedAnItemMayNotApproveTheRegister()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var id = (await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase())).Id();
        var itemId = (await officer.LoggedAsync(id, Register.Item(Now.AddHours(-1)))).ItemId();
        Assert.Equal(HttpStatusCode.OK, (await supervisor.ActAsync(id, itemId)).StatusCode);
        await officer.RespondAsync(id, itemId);
        await officer.CompleteWorkAsync(id);

        var problem = await (await supervisor.PostAsJsonAsync($"/api/cases/{id}/steps/supervisor-review/sign-off",
            new { decision = "approve", rationale = "Work checked; complete and proportionate." })).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Contains("you actioned family information item FI-1 in family-information", problem.GetProperty("detail").GetString());
    }

    private StepState StoredState(string caseId, string step) =>
        app.WithDb(db => db.CaseSteps.Single(s => s.CaseId == Guid.Parse(caseId) && s.Key == step).State);

    private static async Task<List<string>> ReviewListAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/cases?needsReview=true&pageSize=200")).GetProperty("items").EnumerateArray().Select(i => i.Id()).ToList();
}
