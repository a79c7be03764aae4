using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewWorkflow.Web.Accounts;
using ReviewWorkflow.Web.Data;
using ReviewWorkflow.Web.Steps;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Casework;

/// <summary>The case log: notes by anyone on the case, a supervisor's directions answered by their assignee, and closure refused over an open one.</summary>
public sealed class NotesTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private static string FirstError(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    [Fact]
    public async Task NotesAreLoggedInOrderReadByTheTeamAndAudited()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var id = (await officer.CreateCaseAsync()).Id();

        var first = await officer.NoteAsync(id, "Neighbour heard shouting at 02:00.").CreatedAsync();
        var second = await supervisor.NoteAsync(id, "Agree: canvass the whole block.").CreatedAsync();

        Assert.Equal(("N-1", "note", true), (first.GetProperty("reference").GetString(), first.GetProperty("kind").GetString(), first.GetProperty("authorName").GetString()!.Length > 0));
        Assert.Equal("N-2", second.GetProperty("reference").GetString());
        var log = await (await app.Officer2Async()).LogAsync(id);
        Assert.Equal(["Neighbour heard shouting at 02:00.", "Agree: canvass the whole block."],
            log.GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("text").GetString()));
        Assert.Equal(0, log.GetProperty("openDirections").GetInt32());
        Assert.Equal(2, (await officer.AuditActionsAsync(id)).Count(a => a == "note.added"));
    }

    [Fact]
    public async Task DirectionIsOnTheAssigneesWorkListBlocksClosureByNameAndIsClosedByItsResponse()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var id = (await officer.ToReadyToCloseAsync(supervisor)).Id();
        var due = Now.AddDays(2);

        var direction = await supervisor.DirectAsync(id, "officer@demo.local", due).CreatedAsync();
        var noteId = direction.NoteId();
        Assert.Equal(("D-1", "direction", true), (direction.GetProperty("reference").GetString(), direction.GetProperty("kind").GetString(), direction.GetProperty("open").GetBoolean()));
        Assert.Contains(await WorkTitlesAsync("officer@demo.local"), t => t.StartsWith("Direction D-1", StringComparison.Ordinal));

        var unmet = (await officer.GetCaseAsync(id)).GetProperty("unmet").Strings();
        Assert.Contains(unmet, u => u.StartsWith("direction D-1 to ", StringComparison.Ordinal));
        var before = await app.SnapshotAsync();
        var refused = await (await officer.CloseAsync(id)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("direction D-1", refused.GetProperty("detail").GetString());
        await app.AssertUnchangedSinceAsync(before);

        var answered = await officer.AnswerAsync(id, noteId).OkAsync();
        Assert.False(answered.GetProperty("open").GetBoolean());
        Assert.Equal("Traced and interviewed; account recorded.", answered.GetProperty("response").GetProperty("response").GetString());
        Assert.DoesNotContain(await WorkTitlesAsync("officer@demo.local"), t => t.StartsWith("Direction D-1", StringComparison.Ordinal));
        await officer.CloseAsync(id).OkAsync();
        var actions = await officer.AuditActionsAsync(id);
        Assert.Contains("direction.given", actions);
        Assert.Contains("direction.answered", actions);
    }

    [Fact]
    public async Task DirectionToAnotherTeamsOfficerOrADeactivatedUserOrByAnOfficerIsRefusedAndChangesNothing()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        var deactivated = await app.DeactivatedOfficerAsync();
        var before = await app.SnapshotAsync();

        var west = await (await supervisor.DirectAsync(id, "officer.west@demo.local", Now.AddDays(1))).ProblemAsync(HttpStatusCode.BadRequest);
        var gone = await (await supervisor.DirectAsync(id, deactivated, Now.AddDays(1))).ProblemAsync(HttpStatusCode.BadRequest);
        var past = await (await supervisor.DirectAsync(id, "officer@demo.local", Now.AddMinutes(-1))).ProblemAsync(HttpStatusCode.BadRequest);
        var half = await (await supervisor.PostAsJsonAsync(Notes.Path(id), new { text = "Do it", assignee = "officer@demo.local" })).ProblemAsync(HttpStatusCode.BadRequest);
        var blank = await (await officer.NoteAsync(id, "  ")).ProblemAsync(HttpStatusCode.BadRequest);
        var byOfficer = await (await officer.DirectAsync(id, "officer2@demo.local", Now.AddDays(1))).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.StartsWith("must be the email or user id of an active officer", FirstError(west, "assignee"));
        Assert.StartsWith("must be the email or user id of an active officer", FirstError(gone, "assignee"));
        Assert.Equal("must be in the future", FirstError(past, "dueAt"));
        Assert.Equal("required for a direction", FirstError(half, "dueAt"));
        Assert.Equal("required", FirstError(blank, "text"));
        Assert.Contains("only a supervisor or inspector", byOfficer.GetProperty("detail").GetString());
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task OnlyTheAssigneeOrASupervisorAnswersOnceAndANoteIsNoDirection()
    {
        var officer = await app.OfficerAsync();
        var officer2 = await app.Officer2Async();
        var supervisor = await app.SupervisorAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        var direction = (await supervisor.DirectAsync(id, "officer@demo.local", Now.AddDays(1)).CreatedAsync()).NoteId();
        var note = (await officer.NoteAsync(id).CreatedAsync()).NoteId();
        var before = await app.SnapshotAsync();

        await (await officer2.AnswerAsync(id, direction)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await officer.AnswerAsync(id, note)).ProblemAsync(HttpStatusCode.Conflict);
        await (await officer.AnswerAsync(id, 987654)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("required", FirstError(await (await officer.AnswerAsync(id, direction, " ")).ProblemAsync(HttpStatusCode.BadRequest), "response"));
        await app.AssertUnchangedSinceAsync(before);

        await supervisor.AnswerAsync(id, direction, "Done by the supervisor himself.").OkAsync();
        var again = await (await officer.AnswerAsync(id, direction)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("D-1 was answered", again.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnotherTeamsCaseLogIsHidden()
    {
        var officer = await app.OfficerAsync();
        var west = await app.WestOfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        await officer.NoteAsync(id).CreatedAsync();
        var before = await app.SnapshotAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await west.GetAsync(Notes.Path(id))).StatusCode);
        await (await west.NoteAsync(id)).ProblemAsync(HttpStatusCode.NotFound);
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task TwoResponsesAtOnceRecordOneAndTheOtherIsAConflict()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        var direction = (await supervisor.DirectAsync(id, "officer@demo.local", Now.AddDays(1)).CreatedAsync()).NoteId();

        var answers = await Task.WhenAll(officer.AnswerAsync(id, direction, "First answer."), supervisor.AnswerAsync(id, direction, "Second answer."));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        var log = await officer.LogAsync(id);
        Assert.Equal(0, log.GetProperty("openDirections").GetInt32());
        Assert.Equal(1, app.WithDb(db => db.DirectionResponses.Count(r => r.NoteId == direction)));
    }

    [Fact]
    public async Task DirectionOnAClosedCaseIsListedAsUnmetAndOnMyWork()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var id = (await officer.ToClosedAsync(supervisor)).Id();

        await supervisor.DirectAsync(id, "officer2@demo.local", Now.AddHours(4), "Re-interview the finder about the second man.").CreatedAsync();

        Assert.Contains((await officer.GetCaseAsync(id)).GetProperty("unmet").Strings(), u => u.StartsWith("direction D-1 to ", StringComparison.Ordinal));
        Assert.Contains(await WorkTitlesAsync("officer2@demo.local"), t => t.StartsWith("Direction D-1", StringComparison.Ordinal));
    }

    private async Task<List<string>> WorkTitlesAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReviewDb>();
        var u = await db.Users.AsNoTracking().SingleAsync(x => x.Email == email);
        var page = await scope.ServiceProvider.GetRequiredService<WorkList>().ForAsync(new CurrentUser(u.Id, u.DisplayName, u.Role, u.Team), Now);
        return [.. page.Items.Select(i => i.Title)];
    }
}
