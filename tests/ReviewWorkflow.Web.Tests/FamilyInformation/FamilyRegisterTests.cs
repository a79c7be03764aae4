using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.FamilyInformation;

public sealed class FamilyRegisterTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    [Fact]
    public async Task ItemIsLoggedWithItsOwnDeadlineFromReceiptAndTheCaseOfficerAsAssignee()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        var receivedAt = Now.AddHours(-2);

        var response = await officer.LogAsync(id, Register.Item(receivedAt));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var item = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"/api/cases/{id}/family-information/{item.ItemId()}", response.Headers.Location?.OriginalString);
        Assert.Equal("FI-1", item.GetProperty("reference").GetString());
        Assert.Equal("open", item.GetProperty("state").GetString());
        Assert.Equal("phone", item.GetProperty("how").GetString());
        Assert.Equal(receivedAt.AddHours(72), item.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal("Olivia Officer", item.GetProperty("assignee").GetProperty("displayName").GetString());
        Assert.Equal("Dana Dunn", item.GetProperty("providedBy").GetProperty("name").GetString());

        var c = await officer.GetCaseAsync(id);
        var line = Assert.Single(c.GetProperty("unmet").Strings(), u => u.StartsWith("family-information: 1 family information item open"));
        Assert.Contains("FI-1 from Dana Dunn (sister)", line);
        // The register has no deadline of its own: each item has one.
        Assert.Equal(JsonValueKind.Null, c.Step("family-information").GetProperty("dueAt").ValueKind);
        var audit = await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/audit");
        Assert.Equal("family-information.logged", audit[audit.GetArrayLength() - 1].GetProperty("action").GetString());
    }

    [Fact]
    public async Task EachItemHasItsOwnDeadlineAndTheRegisterListsThemOldestFirst()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        var recent = await officer.LoggedAsync(id, Register.Item(Now.AddHours(-1), name: "Sam Dunn", relationship: "brother"));
        var older = await officer.LoggedAsync(id, Register.Item(Now.AddHours(-70), name: "Kim Lee", relationship: "friend", how: "letter"));

        var register = await officer.ListAsync(id);
        var items = register.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([older.ItemId(), recent.ItemId()], items.Select(i => i.ItemId()));
        Assert.Equal(Now.AddHours(2), items[0].GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(Now.AddHours(71), items[1].GetProperty("dueAt").GetDateTimeOffset());
        Assert.All(items, i => Assert.False(i.GetProperty("overdue").GetBoolean()));
        Assert.Equal(2, register.GetProperty("open").GetInt32());

        app.Clock.Advance(TimeSpan.FromHours(3)); // past the older item's deadline only
        officer = await app.OfficerAsync();
        register = await officer.ListAsync(id);
        items = register.GetProperty("items").EnumerateArray().ToList();
        Assert.True(items[0].GetProperty("overdue").GetBoolean());
        Assert.False(items[1].GetProperty("overdue").GetBoolean());
        Assert.Equal(1, register.GetProperty("overdue").GetInt32());
        Assert.Equal(["FI-2", "FI-1"], items.Select(i => i.GetProperty("reference").GetString()!));
    }

    [Fact]
    public async Task ItemCanBeAssignedToAnotherCaseworkerOfTheTeam()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();

        var item = await officer.LoggedAsync(id, Register.Item(Now.AddHours(-1), assignee: "OFFICER2@demo.local"));

        Assert.Equal("Owen Officer", item.GetProperty("assignee").GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task ActionsAreAppendedInOrderAndAuditedAsWorkOnTheRegister()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        var itemId = (await officer.LoggedAsync(id, Register.Item(Now.AddHours(-1)))).ItemId();

        Assert.Equal(HttpStatusCode.OK, (await officer.ActAsync(id, itemId, "Searched the app for the profile name", "Profile found")).StatusCode);
        var second = await officer.ActAsync(id, itemId, "Asked the app company for the account holder", "Awaiting their reply");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var actions = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(["Searched the app for the profile name", "Asked the app company for the account holder"],
            actions.Select(a => a.GetProperty("action").GetString()!));
        Assert.Equal(["Profile found", "Awaiting their reply"], actions.Select(a => a.GetProperty("outcome").GetString()!));
        Assert.All(actions, a => Assert.Equal("Olivia Officer", a.GetProperty("by").GetProperty("displayName").GetString()));

        var audit = (await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/audit")).EnumerateArray()
            .Where(e => e.GetProperty("action").GetString() == "family-information.actioned").ToList();
        Assert.Equal(2, audit.Count);
        Assert.Contains("Asked the app company for the account holder", audit[1].GetProperty("data").GetRawText());
        var notes = app.WithDb(db => db.CaseActivities.Where(a => a.CaseId == Guid.Parse(id) && a.StepKey == "family-information")
            .Select(a => a.Kind.ToString() + ": " + a.Note).ToList());
        Assert.Equal(["Contributed: actioned family information item FI-1", "Contributed: actioned family information item FI-1"], notes);
    }

    [Fact]
    public async Task RecordedActionsCannotBeChangedOrDeletedEvenInTheDatabase()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        var itemId = (await officer.LoggedAsync(id, Register.Item(Now.AddHours(-1)))).ItemId();
        await officer.ActAsync(id, itemId);

        var update = await Assert.ThrowsAsync<PostgresException>(() => app.ExecuteAsync("UPDATE family_information_actions SET outcome = 'nothing found'"));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => app.ExecuteAsync("DELETE FROM family_information_actions"));
        var rewrite = await Assert.ThrowsAsync<PostgresException>(() => app.ExecuteAsync($"UPDATE family_information_items SET summary = 'nothing' WHERE id = {itemId}"));

        Assert.Contains("append-only", update.MessageText);
        Assert.Contains("append-only", delete.MessageText);
        Assert.Contains("cannot be changed", rewrite.MessageText);
        Assert.Equal("Profile belongs to a man known to police",
            (await officer.ListAsync(id)).GetProperty("items")[0].GetProperty("actions")[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task AResponseClosesTheItemAndNothingMoreCanBeAddedToIt()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        var itemId = (await officer.LoggedAsync(id, Register.Item(Now.AddHours(-1)))).ItemId();
        await officer.ActAsync(id, itemId);
        var respondedAt = Now.AddMinutes(-10);

        var response = await officer.RespondAsync(id, itemId, "Told her the profile is being traced.", respondedAt);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var item = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("closed", item.GetProperty("state").GetString());
        Assert.Equal("Told her the profile is being traced.", item.GetProperty("response").GetProperty("response").GetString());
        Assert.Equal(respondedAt, item.GetProperty("response").GetProperty("respondedAt").GetDateTimeOffset());
        Assert.DoesNotContain((await officer.GetCaseAsync(id)).GetProperty("unmet").Strings(), u => u.Contains("family information item"));

        var before = await app.SnapshotAsync();
        var late = await (await officer.ActAsync(id, itemId, "late", "late")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("FI-1 was answered", late.GetProperty("detail").GetString());
        await (await officer.RespondAsync(id, itemId)).ProblemAsync(HttpStatusCode.Conflict);
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task AnItemCannotBeAnsweredBeforeAnythingWasDoneAboutIt()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        var itemId = (await officer.LoggedAsync(id, Register.Item(Now.AddHours(-1)))).ItemId();
        var before = await app.SnapshotAsync();

        var problem = await (await officer.RespondAsync(id, itemId)).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("FI-1 has no recorded action: record what was done about it before answering", problem.GetProperty("detail").GetString());
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task APhoneNumberLoggedInAnItemBecomesOneOfTheCasePersons()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        var named = new object[] { new { name = "Jon", phone = "07700 900555", username = "jonny88" }, new { email = "jon@example.org" } };

        await officer.LoggedAsync(id, Register.Item(Now.AddHours(-1), contact: "07700 900777", persons: named));
        await officer.LoggedAsync(id, Register.Item(Now.AddHours(-1), contact: "07700 900777", summary: "Called again with the same story."));

        var persons = (await officer.GetCaseAsync(id)).GetProperty("persons").EnumerateArray()
            .Select(p => (p.GetProperty("name").GetString(), p.GetProperty("role").GetString(), Phone: p.GetProperty("phone").GetString(),
                Email: p.GetProperty("email").GetString(), Username: p.GetProperty("username").GetString()))
            .ToList();
        Assert.Contains(("Jon", "associate", "07700 900555", null, "jonny88"), persons);
        Assert.Contains(("unknown", "associate", null, "jon@example.org", null), persons);
        // The giver's phone joins once, however often she calls.
        Assert.Single(persons, p => p == ("Dana Dunn", "family", "07700 900777", null, null));
    }

    [Fact]
    public async Task AFriendWhoGivesInformationJoinsTheCasePersonsAsAFriendAndKinAsFamily()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();

        await officer.LoggedAsync(id, Register.Item(Now.AddHours(-1), name: "Kim Lee", relationship: "flatmate", contact: "kim.lee@example.org"));
        await officer.LoggedAsync(id, Register.Item(Now.AddHours(-1), name: "Lee Page", relationship: "friend", contact: "07700 900778"));
        await officer.LoggedAsync(id, Register.Item(Now.AddHours(-1), name: "Dana Dunn", relationship: "Mother", contact: "07700 900779"));

        var persons = (await officer.GetCaseAsync(id)).GetProperty("persons").EnumerateArray()
            .Select(p => (p.GetProperty("name").GetString(), p.GetProperty("role").GetString())).ToList();
        Assert.Contains(("Kim Lee", "friend"), persons);
        Assert.Contains(("Lee Page", "friend"), persons);
        Assert.Contains(("Dana Dunn", "family"), persons);
        Assert.DoesNotContain(("Kim Lee", "family"), persons);
        Assert.DoesNotContain(("Lee Page", "family"), persons);
    }

    [Fact]
    public async Task AContactThatIsNeitherPhoneNorEmailIsNotTakenForAnIdentifier()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        var personsBefore = (await officer.GetCaseAsync(id)).GetProperty("persons").GetArrayLength();

        await officer.LoggedAsync(id, Register.Item(Now.AddHours(-1), contact: "via the neighbour at no. 4"));

        Assert.Equal(personsBefore, (await officer.GetCaseAsync(id)).GetProperty("persons").GetArrayLength());
    }

    [Fact]
    public async Task TheFamilyLiaisonMustBeACaseworkerOfTheCaseTeamAndIsStoredAsTheirId()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        var before = await app.SnapshotAsync();

        var stranger = await (await officer.CompleteAsync(id, "family-notification", ProcedureWalk.Answers("family-notification", "officer.west@demo.local")))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var nobody = await (await officer.CompleteAsync(id, "family-notification", ProcedureWalk.Answers("family-notification", "DC Jones")))
            .ProblemAsync(HttpStatusCode.BadRequest);

        Assert.StartsWith("must be the email or user id", stranger.GetProperty("errors").GetProperty("fields.liaisonContact")[0].GetString());
        Assert.True(nobody.GetProperty("errors").TryGetProperty("fields.liaisonContact", out _));
        await app.AssertUnchangedSinceAsync(before);

        var done = await officer.CompleteAsync(id, "family-notification", ProcedureWalk.Answers("family-notification", "officer2@demo.local"));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var owenId = app.WithDb(db => db.Users.Single(u => u.Email == "officer2@demo.local").Id);
        var stored = app.WithDb(db => db.CaseActivities.Single(a => a.CaseId == Guid.Parse(id) && a.StepKey == "family-notification").FieldsJson);
        Assert.Equal(owenId, JsonDocument.Parse(stored).RootElement.GetProperty("liaisonContact").GetProperty("v").GetString());
    }

    [Fact]
    public async Task ConcurrentLogsNeverShareANumber()
    {
        var officer = await app.OfficerAsync();
        var colleague = await app.Officer2Async();
        var id = (await officer.CreateCaseAsync()).Id();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            (i % 2 == 0 ? officer : colleague).LogAsync(id, Register.Item(Now.AddHours(-1), summary: $"Call number {i}"))));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var created = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
        Assert.True(created >= 1);
        var references = (await officer.ListAsync(id)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("reference").GetString()).ToList();
        Assert.Equal(Enumerable.Range(1, created).Select(n => $"FI-{n}"), references.Order());
    }
}
