using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.SignOff;

/// <summary>F11: work waiting for a supervisor must be visible, longest waiting first, with how long it has waited.</summary>
public sealed class SignOffQueueTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    private static async Task<List<JsonElement>> QueueAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/sign-offs?pending=true")).GetProperty("items").EnumerateArray().ToList();

    private static List<JsonElement> For(List<JsonElement> items, params string[] caseIds) =>
        items.Where(i => caseIds.Contains(i.GetProperty("caseId").GetString())).ToList();

    [Fact]
    public async Task QueueListsWaitingSignOffsOldestFirstWithHowLongTheyWaited()
    {
        var officer = await app.OfficerAsync();
        var first = await officer.ToReadyForSignOffAsync();
        var firstReady = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        var second = await officer.ToReadyForSignOffAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(25));

        var items = For(await QueueAsync(await app.SupervisorAsync()), first.Id(), second.Id());

        Assert.Equal([first.Id(), second.Id()], items.Select(i => i.GetProperty("caseId").GetString()).ToList());
        var item = items[0];
        Assert.Equal(first.GetProperty("reference").GetString(), item.GetProperty("reference").GetString());
        Assert.Equal(("supervisor-review", "Supervisor review and sign-off", "supervisor"),
            (item.GetProperty("stepKey").GetString(), item.GetProperty("title").GetString(), item.GetProperty("role").GetString()));
        Assert.Equal(firstReady, item.GetProperty("waitingSince").GetDateTimeOffset());
        Assert.Equal("PT45M", item.GetProperty("waitingFor").GetString());
        Assert.Equal(0.8, item.GetProperty("waitingHours").GetDouble());
        Assert.Equal("PT25M", items[1].GetProperty("waitingFor").GetString());
        Assert.Equal(first.Step("supervisor-review").GetProperty("dueAt").GetDateTimeOffset(), item.GetProperty("dueAt").GetDateTimeOffset());
        Assert.False(item.GetProperty("overdue").GetBoolean());
        Assert.False(item.GetProperty("barred").GetBoolean());
        Assert.Empty(item.GetProperty("barredBecause").EnumerateArray());
    }

    [Fact]
    public async Task SignedOffWorkLeavesTheQueueAndNothingBlockedIsInIt()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var blocked = (await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase())).Id();
        var ready = (await officer.ToReadyForSignOffAsync()).Id();
        Assert.Single(For(await QueueAsync(supervisor), blocked, ready));

        await supervisor.SignOffAsync(ready, "approve").OkAsync();

        Assert.Empty(For(await QueueAsync(supervisor), blocked, ready));
    }

    [Fact]
    public async Task SupervisorSeesTheirTeamAndInspectorsSeeEveryTeam()
    {
        var east = (await (await app.OfficerAsync()).ToReadyForSignOffAsync()).Id();
        var west = (await (await app.WestOfficerAsync()).ToReadyForSignOffAsync()).Id();

        Assert.Equal([east], For(await QueueAsync(await app.SupervisorAsync()), east, west).Select(i => i.GetProperty("caseId").GetString()).ToList());
        Assert.Equal([west], For(await QueueAsync(await app.ClientForAsync("supervisor.west@demo.local")), east, west)
            .Select(i => i.GetProperty("caseId").GetString()).ToList());
        Assert.Equal(2, For(await QueueAsync(await app.InspectorAsync()), east, west).Count);
    }

    [Fact]
    public async Task SignOffTheCallerMayNotApproveIsFlaggedWithTheReason()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var id = (await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase())).Id();
        await officer.CompleteAsync(id, "initial-report", Api.InitialReport).OkAsync();
        await supervisor.CompleteAsync(id, "digital-devices", ProcedureWalk.Answers("digital-devices")).OkAsync();
        await officer.CompleteWorkAsync(id);

        var mine = Assert.Single(For(await QueueAsync(supervisor), id));
        var theirs = Assert.Single(For(await QueueAsync(await app.InspectorAsync()), id));

        Assert.True(mine.GetProperty("barred").GetBoolean());
        Assert.StartsWith("you completed digital-devices on ", Assert.Single(mine.GetProperty("barredBecause").Strings()));
        Assert.False(theirs.GetProperty("barred").GetBoolean());
    }

    [Fact]
    public async Task InspectorsSignOffsAreQueuedForInspectorsOnly()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var id = (await officer.ToReadyForSignOffAsync()).Id();
        await supervisor.RequestReferralAsync(id, "Second death at the same churchyard wall.").OkAsync();
        await officer.CompleteAsync(id, "homicide-referral", ProcedureWalk.Referral("declined")).OkAsync();

        var forSupervisor = For(await QueueAsync(supervisor), id).Select(i => i.GetProperty("stepKey").GetString()).ToList();
        var forInspector = For(await QueueAsync(await app.InspectorAsync()), id).Select(i => i.GetProperty("stepKey").GetString()).ToList();

        Assert.Equal(["supervisor-review"], forSupervisor);
        Assert.Equal(["referral-decline-review", "supervisor-review"], forInspector.Order());
    }

    [Fact]
    public async Task OfficersHaveNoSignOffQueue()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.OfficerAsync()).GetAsync("/api/sign-offs?pending=true")).StatusCode);
    }

    [Theory]
    [InlineData("pending=false", "pending")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=2147483647", "page")] // the row offset would overflow
    public async Task BadQueueParametersAreNamed(string query, string field)
    {
        var problem = await (await (await app.SupervisorAsync()).GetAsync($"/api/sign-offs?{query}")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }
}
