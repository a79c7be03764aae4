using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.FamilyInformation;

/// <summary>Bad input to the register gets a precise problem and leaves every table as it was.</summary>
public sealed class FamilyBadInputTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private async Task<(HttpClient Officer, string CaseId, long ItemId)> CaseWithItemAsync()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        var itemId = (await officer.LoggedAsync(id, Register.Item(Now.AddHours(-1)))).ItemId();
        return (officer, id, itemId);
    }

    private static string FirstError(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    [Fact]
    public async Task ItemWithoutProviderOrSummaryIsRefusedNamingEachField()
    {
        var (officer, id, _) = await CaseWithItemAsync();
        var before = await app.SnapshotAsync();

        var noProvider = await (await officer.PostAsJsonAsync(Register.Path(id), new { receivedAt = Now.AddHours(-1), summary = "Something" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var blanks = await (await officer.LogAsync(id, Register.Item(Now.AddHours(-1), name: " ", relationship: "", summary: "")))
            .ProblemAsync(HttpStatusCode.BadRequest);

        Assert.StartsWith("required", FirstError(noProvider, "providedBy"));
        Assert.Equal("required", FirstError(blanks, "providedBy.name"));
        Assert.Equal("required", FirstError(blanks, "providedBy.relationship"));
        Assert.Equal("required", FirstError(blanks, "summary"));
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task InformationReceivedInTheFutureIsRefused()
    {
        var (officer, id, _) = await CaseWithItemAsync();
        var before = await app.SnapshotAsync();

        var problem = await (await officer.LogAsync(id, Register.Item(Now.AddHours(1)))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("cannot be in the future", FirstError(problem, "receivedAt"));
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task UnknownWayOfReceiptNamedPersonWithoutAnythingAndStrangerAsAssigneeAreRefused()
    {
        var (officer, id, _) = await CaseWithItemAsync();
        var before = await app.SnapshotAsync();

        var how = await (await officer.LogAsync(id, Register.Item(Now.AddHours(-1), how: "pigeon", persons: [new { role = "associate" }])))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var stranger = await (await officer.LogAsync(id, Register.Item(Now.AddHours(-1), assignee: "officer.west@demo.local")))
            .ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("must be one of: phone, email, in-person, letter", FirstError(how, "how"));
        Assert.Equal("give at least one of name, phone, email, username", FirstError(how, "persons[0]"));
        Assert.StartsWith("must be the email or user id", FirstError(stranger, "assignee"));
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task ActionWithoutTextAndResponseWithoutTextAreRefused()
    {
        var (officer, id, itemId) = await CaseWithItemAsync();
        await officer.ActAsync(id, itemId);
        var before = await app.SnapshotAsync();

        var action = await (await officer.PostAsJsonAsync(Register.Path(id, itemId, "actions"), new { action = "", outcome = " " }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var response = await (await officer.RespondAsync(id, itemId, response: "  ")).ProblemAsync(HttpStatusCode.BadRequest);
        var early = await (await officer.RespondAsync(id, itemId, respondedAt: Now.AddDays(-3))).ProblemAsync(HttpStatusCode.BadRequest);
        var future = await (await officer.RespondAsync(id, itemId, respondedAt: Now.AddDays(1))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("required", FirstError(action, "action"));
        Assert.Equal("required", FirstError(action, "outcome"));
        Assert.Equal("required", FirstError(response, "response"));
        Assert.StartsWith("cannot be before the information was received", FirstError(early, "respondedAt"));
        Assert.Equal("cannot be in the future", FirstError(future, "respondedAt"));
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task AnOfficerOfAnotherTeamFindsNothingAndChangesNothing()
    {
        var (_, id, itemId) = await CaseWithItemAsync();
        var west = await app.WestOfficerAsync();
        var before = await app.SnapshotAsync();

        await (await west.LogAsync(id, Register.Item(Now.AddHours(-1)))).ProblemAsync(HttpStatusCode.NotFound);
        await (await west.ActAsync(id, itemId)).ProblemAsync(HttpStatusCode.NotFound);
        await (await west.RespondAsync(id, itemId)).ProblemAsync(HttpStatusCode.NotFound);
        await (await west.GetAsync(Register.Path(id))).ProblemAsync(HttpStatusCode.NotFound);
        await (await west.GetAsync(Register.Path(id, itemId))).ProblemAsync(HttpStatusCode.NotFound);

        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task AnItemOfAnotherCaseIsNotFoundThroughThisOne()
    {
        var (officer, _, itemId) = await CaseWithItemAsync();
        var other = (await officer.CreateCaseAsync()).Id();
        var before = await app.SnapshotAsync();

        var problem = await (await officer.ActAsync(other, itemId)).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains($"no family information item {itemId}", problem.GetProperty("detail").GetString());
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task AnAdministratorDoesNoCasework()
    {
        var (_, id, _) = await CaseWithItemAsync();
        var admin = await app.AdminAsync();
        var before = await app.SnapshotAsync();

        var response = await admin.LogAsync(id, Register.Item(Now.AddHours(-1)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await app.AssertUnchangedSinceAsync(before);
    }
}
