using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewWorkflow.Tests;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Cases;

public sealed class CaseLifecycleTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    [Fact]
    public async Task NewCaseStartsUnderInvestigationWithEveryStepOfTheProcedure()
    {
        var officer = await app.OfficerAsync();
        var created = await officer.CreateCaseAsync();

        Assert.Matches(@"^UD-2026-\d{6}$", created.GetProperty("reference").GetString());
        Assert.Equal("open", created.GetProperty("status").GetString());
        Assert.Equal("under-investigation", created.GetProperty("classification").GetString());
        Assert.Equal("unexplained-death", created.GetProperty("workflow").GetProperty("key").GetString());
        Assert.Equal(DefaultWorkflow.Definition.Steps.Count, created.GetProperty("steps").GetArrayLength());
        Assert.Equal("available", created.StateOf("initial-report"));
        Assert.Equal("blocked", created.StateOf("intelligence-checks"));
        Assert.Equal("blocked", created.StateOf("linkage-check"));
        Assert.Equal("available", created.StateOf("family-notification"));
        Assert.Equal("not-applicable", created.StateOf("homicide-referral"));
        Assert.Equal(created.GetProperty("openedAt").GetDateTimeOffset().AddHours(4), created.Step("initial-report").GetProperty("dueAt").GetDateTimeOffset());
        Assert.False(created.GetProperty("canClose").GetBoolean());
        Assert.Contains("initial-report: not completed", created.GetProperty("unmet").Strings());
        Assert.Equal("Olivia Officer", created.GetProperty("officer").GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task CompletingTheInitialReportMakesItsDependentsAvailableAndIsAudited()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();

        var response = await officer.CompleteAsync(id, "initial-report", Api.InitialReport);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var c = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("completed", c.StateOf("initial-report"));
        Assert.Equal("Olivia Officer", c.Step("initial-report").GetProperty("completedBy").GetProperty("displayName").GetString());
        Assert.Equal("available", c.StateOf("intelligence-checks"));
        Assert.Equal("available", c.StateOf("linkage-check"));
        Assert.Equal("not-applicable", c.StateOf("forensic-documents"));
        Assert.DoesNotContain("initial-report: not completed", c.GetProperty("unmet").Strings());

        var audit = await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/audit");
        Assert.Equal(["case.created", "step.completed"], audit.EnumerateArray().Select(e => e.GetProperty("action").GetString()!).ToList());
        Assert.Contains("initial-report", audit[1].GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task ANoteFoundAtTheSceneMakesTheForensicDocumentStepRequired()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync(Api.NewCase(markers: ["note-found"]))).Id();

        var c = await (await officer.CompleteAsync(id, "initial-report", Api.InitialReport)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("available", c.StateOf("forensic-documents"));
        Assert.Contains("forensic-documents: not completed", c.GetProperty("unmet").Strings());
    }

    [Fact]
    public async Task ClosingANewCaseIsRefusedWithTheUnmetRequirementsAndChangesNothing()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        var before = await app.SnapshotAsync();

        var response = await officer.PostAsJsonAsync($"/api/cases/{id}/close", new { rationale = "closing at once" });

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        var unmet = problem.GetProperty("unmet").Strings();
        Assert.Contains("initial-report: not completed", unmet);
        Assert.Contains("supervisor-review: not completed", unmet);
        Assert.Contains("classification: still under-investigation", unmet);
        await app.AssertUnchangedSinceAsync(before);
        Assert.Equal("open", (await officer.GetCaseAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task LaterFactsAreAddedNotOverwrittenAndAudited()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();

        var response = await officer.PatchAsJsonAsync($"/api/cases/{id}", new
        {
            substances = new[] { "GBL", "ghb" },
            markers = new[] { "phone-missing" },
            persons = new[] { new { name = "Stephen Port", role = "person-of-interest", phone = "07700 900999" } },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var c = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["GHB", "GBL"], c.GetProperty("substances").Strings());
        Assert.Equal(["found-outdoors", "phone-missing"], c.GetProperty("markers").Strings());
        Assert.Equal(2, c.GetProperty("persons").GetArrayLength());
        var audit = await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/audit");
        Assert.Equal("case.facts-added", audit[audit.GetArrayLength() - 1].GetProperty("action").GetString());
    }

    [Fact]
    public async Task ListShowsMyOpenCasesAndWhichAreOverdue()
    {
        var officer = await app.Officer2Async();
        var id = (await officer.CreateCaseAsync()).Id();

        var mine = await officer.GetFromJsonAsync<JsonElement>("/api/cases?status=open&mine=true");
        Assert.Contains(id, mine.GetProperty("items").EnumerateArray().Select(i => i.Id()));
        Assert.Equal(mine.GetProperty("items").GetArrayLength(), mine.GetProperty("total").GetInt32());
        var overdueBefore = await officer.GetFromJsonAsync<JsonElement>("/api/cases?mine=true&overdue=true");
        Assert.DoesNotContain(id, overdueBefore.GetProperty("items").EnumerateArray().Select(i => i.Id()));

        // The clock only moves forward; other tests in this class work relative to "now".
        app.Clock.Advance(TimeSpan.FromHours(5)); // past the initial report's 4-hour deadline
        officer = await app.Officer2Async(); // the earlier token has expired meanwhile
        var overdue = await officer.GetFromJsonAsync<JsonElement>("/api/cases?mine=true&overdue=true");
        var item = overdue.GetProperty("items").EnumerateArray().Single(i => i.Id() == id);
        Assert.True(item.GetProperty("overdueSteps").GetInt32() >= 1);
    }

    [Fact]
    public async Task AReadGivesTheAnswerOfTheCommandThatLastChangedTheCase()
    {
        // A read rebuilds what it shows of the steps from the activities (CaseProcedure.ReadAsync);
        // a command shows the step rows it has just written. After every kind of change they agree.
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var id = (await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase())).Id();
        async Task<JsonElement> ReadsTheSame(Task<HttpResponseMessage> command)
        {
            var answer = await command.OkAsync();
            Assert.Equal(answer.GetRawText(), (await officer.GetCaseAsync(id)).GetRawText());
            return answer;
        }

        var c = await officer.GetCaseAsync(id);
        while (ProcedureWalk.WorkSteps.FirstOrDefault(s => c.StateOf(s) is "available" or "returned") is { } step)
            c = await ReadsTheSame(officer.CompleteAsync(id, step, ProcedureWalk.Answers(step, liaison: c.GetProperty("officer").GetProperty("id").GetString()!)));
        c = await ReadsTheSame(supervisor.SignOffAsync(id, "return", "The intelligence checks missed the phone records; please redo them.", ["intelligence-checks"]));
        Assert.Equal("returned", c.StateOf("intelligence-checks"));
        c = await ReadsTheSame(officer.CompleteAsync(id, "intelligence-checks", ProcedureWalk.Answers("intelligence-checks")));
        while (ProcedureWalk.WorkSteps.FirstOrDefault(s => c.StateOf(s) is "available" or "returned") is { } step)
            c = await ReadsTheSame(officer.CompleteAsync(id, step, ProcedureWalk.Answers(step, liaison: c.GetProperty("officer").GetProperty("id").GetString()!)));
        c = await ReadsTheSame(supervisor.SignOffAsync(id, "approve"));
        Assert.Equal("Sam Supervisor", c.Step("supervisor-review").GetProperty("completedBy").GetProperty("displayName").GetString());
        await ReadsTheSame(officer.ClassifyAsync(id, "not-suspicious"));
        await ReadsTheSame(supervisor.ApproveClassificationAsync(id));
        c = await ReadsTheSame(officer.CloseAsync(id));
        Assert.Equal("closed", c.GetProperty("status").GetString());
    }
}
