using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewWorkflow.Web.Tests.FamilyInformation;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Casework;

/// <summary>A supervisor gives a case's work, or one step or item of it, to someone else of the team; My work and four-eyes follow.</summary>
public sealed class AssignmentTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    [Fact]
    public async Task ReassigningTheCaseOfficerMovesItsStepsToTheNewOfficersWorkAndIsAudited()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        Assert.Contains(await app.WorkOfAsync("officer@demo.local", Now), w => w.CaseId.ToString() == id);

        var done = await (await app.SupervisorAsync()).ReassignAsync(id, "officer2@demo.local").OkAsync();

        Assert.Equal("case officer", done.GetProperty("what").GetString());
        Assert.Contains(await app.WorkOfAsync("officer2@demo.local", Now), w => w.CaseId.ToString() == id);
        Assert.DoesNotContain(await app.WorkOfAsync("officer@demo.local", Now), w => w.CaseId.ToString() == id);
        Assert.Equal(done.GetProperty("toId").GetString(), (await officer.GetCaseAsync(id)).GetProperty("officer").GetProperty("id").GetString());
        Assert.Contains("case.reassigned", await officer.AuditActionsAsync(id));
    }

    [Fact]
    public async Task ReassigningOneStepMovesOnlyThatStep()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();

        await (await app.SupervisorAsync()).ReassignAsync(id, "officer2@demo.local", stepKey: "initial-report").OkAsync();

        var theirs = (await app.WorkOfAsync("officer2@demo.local", Now)).Where(w => w.CaseId.ToString() == id).ToList();
        Assert.Equal(["/initial-report"], theirs.Select(w => w.Link[w.Link.LastIndexOf('/')..]));
        Assert.DoesNotContain(await app.WorkOfAsync("officer@demo.local", Now), w => w.CaseId.ToString() == id && w.Link.EndsWith("/initial-report", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReassigningAFamilyItemMovesItToTheNewAssignee()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        var item = await officer.LoggedAsync(id, Register.Item(Now, assignee: "officer@demo.local"));

        await (await app.SupervisorAsync()).ReassignAsync(id, "officer2@demo.local", itemId: item.ItemId()).OkAsync();

        Assert.Contains(await app.WorkOfAsync("officer2@demo.local", Now), w => w.Link.EndsWith($"/family-information/{item.ItemId()}", StringComparison.Ordinal));
        Assert.DoesNotContain(await app.WorkOfAsync("officer@demo.local", Now), w => w.Link.EndsWith($"/family-information/{item.ItemId()}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BadReassignmentsAreRefusedPreciselyAndChangeNothing()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        await officer.CompleteAsync(id, "initial-report", ProcedureWalk.Answers("initial-report")).OkAsync();
        var deactivated = await app.DeactivatedOfficerAsync();
        var before = await app.SnapshotAsync();

        var west = await (await supervisor.ReassignAsync(id, "officer.west@demo.local")).ProblemAsync(HttpStatusCode.BadRequest);
        var gone = await (await supervisor.ReassignAsync(id, deactivated)).ProblemAsync(HttpStatusCode.BadRequest);
        var noReason = await (await supervisor.ReassignAsync(id, "officer2@demo.local", reason: " ")).ProblemAsync(HttpStatusCode.BadRequest);
        var both = await (await supervisor.ReassignAsync(id, "officer2@demo.local", stepKey: "initial-report", itemId: 1)).ProblemAsync(HttpStatusCode.BadRequest);
        var byOfficer = await (await officer.ReassignAsync(id, "officer2@demo.local")).ProblemAsync(HttpStatusCode.Forbidden);
        var noStep = await (await supervisor.ReassignAsync(id, "officer2@demo.local", stepKey: "no-such-step")).ProblemAsync(HttpStatusCode.NotFound);
        var doneStep = await (await supervisor.ReassignAsync(id, "officer2@demo.local", stepKey: "initial-report")).ProblemAsync(HttpStatusCode.Conflict);
        var same = await (await supervisor.ReassignAsync(id, "officer@demo.local")).ProblemAsync(HttpStatusCode.Conflict);
        var otherTeam = await (await (await app.WestOfficerAsync()).ReassignAsync(id, "officer2@demo.local")).ProblemAsync(HttpStatusCode.NotFound);

        Assert.StartsWith("must be the email or user id of an active officer", west.FirstError("officer"));
        Assert.StartsWith("must be the email or user id of an active officer", gone.FirstError("officer"));
        Assert.Equal("required", noReason.FirstError("reason"));
        Assert.Equal("give a stepKey or an itemId, not both", both.FirstError("itemId"));
        Assert.Contains("only a supervisor or inspector", byOfficer.GetProperty("detail").GetString());
        Assert.Contains("no step 'no-such-step'", noStep.GetProperty("detail").GetString());
        Assert.Contains("only open work is reassigned", doneStep.GetProperty("detail").GetString());
        Assert.Contains("already the case officer", same.GetProperty("detail").GetString());
        Assert.Equal("Not found", otherTeam.GetProperty("title").GetString());
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task ASupervisorHoldingAReassignedStepMayNotApproveItButAnotherMay()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        await supervisor.ReassignAsync(id, "supervisor@demo.local", stepKey: "intelligence-checks").OkAsync();
        await officer.CompleteWorkAsync(id); // the officer did the checks all the same

        var refused = await (await supervisor.SignOffAsync(id, "approve")).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Contains("intelligence-checks is assigned to you", refused.GetProperty("detail").GetString());
        await (await app.InspectorAsync()).SignOffAsync(id, "approve").OkAsync();
    }

    [Fact]
    public async Task TwoReassignmentsAtOnceSaveOneAndTheOtherIsAConflict()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var inspector = await app.InspectorAsync();
        var id = (await officer.CreateCaseAsync()).Id();

        // Whichever comes second finds the case changed under it (a lost race) or the work already given: never saved twice.
        var answers = await Task.WhenAll(supervisor.ReassignAsync(id, "officer2@demo.local"), inspector.ReassignAsync(id, "officer2@demo.local"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        Assert.Single(await officer.AuditActionsAsync(id), a => a == "case.reassigned");
    }
}
