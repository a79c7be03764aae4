using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Casework;

/// <summary>An officer hands their open work to a colleague for a period; a supervisor approves; My work follows while it lasts.</summary>
public sealed class HandoverTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    [Fact]
    public async Task AnApprovedHandoverPutsTheOfficersWorkOnTheColleaguesListForItsPeriodOnly()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync()).Id();
        var requested = await officer.HandOverAsync("officer2@demo.local", Now.AddHours(1), Now.AddDays(3)).CreatedAsync();
        Assert.Equal("awaiting approval", requested.GetProperty("state").GetString());

        Assert.DoesNotContain(await app.WorkOfAsync("officer2@demo.local", Now.AddHours(2)), w => w.CaseId.ToString() == id); // not approved yet
        var approved = await (await app.SupervisorAsync()).ApproveHandoverAsync(requested.HandoverId()).OkAsync();
        Assert.Equal("approved", approved.GetProperty("state").GetString());

        Assert.DoesNotContain(await app.WorkOfAsync("officer2@demo.local", Now), w => w.CaseId.ToString() == id); // not started
        Assert.Contains(await app.WorkOfAsync("officer2@demo.local", Now.AddHours(2)), w => w.CaseId.ToString() == id);
        Assert.DoesNotContain(await app.WorkOfAsync("officer2@demo.local", Now.AddDays(3)), w => w.CaseId.ToString() == id); // ended
        Assert.Contains(await app.WorkOfAsync("officer@demo.local", Now.AddHours(2)), w => w.CaseId.ToString() == id); // still theirs too
        var actions = app.WithDb(db => db.AuditEvents.Where(a => a.Action.StartsWith("handover.")).Select(a => a.Action).ToList());
        Assert.Contains("handover.requested", actions);
        Assert.Contains("handover.approved", actions);
    }

    [Fact]
    public async Task BadHandoversAndApprovalsAreRefusedPreciselyAndChangeNothing()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var start = Now.AddDays(100);
        var first = await officer.HandOverAsync("officer2@demo.local", start, start.AddDays(2)).CreatedAsync();
        await supervisor.ApproveHandoverAsync(first.HandoverId()).OkAsync();
        var pending = await officer.HandOverAsync("officer2@demo.local", start.AddDays(10), start.AddDays(11)).CreatedAsync();
        var deactivated = await app.DeactivatedOfficerAsync();
        var before = await app.SnapshotAsync();

        var west = await (await officer.HandOverAsync("officer.west@demo.local", start.AddDays(5), start.AddDays(6))).ProblemAsync(HttpStatusCode.BadRequest);
        var gone = await (await officer.HandOverAsync(deactivated, start.AddDays(5), start.AddDays(6))).ProblemAsync(HttpStatusCode.BadRequest);
        var inverted = await (await officer.HandOverAsync("officer2@demo.local", start.AddDays(6), start.AddDays(5))).ProblemAsync(HttpStatusCode.BadRequest);
        var over = await (await officer.HandOverAsync("officer2@demo.local", Now.AddDays(-3), Now.AddDays(-1))).ProblemAsync(HttpStatusCode.BadRequest);
        var overlap = await (await officer.HandOverAsync("officer2@demo.local", start.AddDays(1), start.AddDays(4))).ProblemAsync(HttpStatusCode.BadRequest);
        var self = await (await officer.HandOverAsync("officer@demo.local", start.AddDays(5), start.AddDays(6))).ProblemAsync(HttpStatusCode.BadRequest);
        var forOther = await (await officer.HandOverAsync("officer@demo.local", start.AddDays(5), start.AddDays(6), from: "officer2@demo.local")).ProblemAsync(HttpStatusCode.Forbidden);
        var byOfficer = await (await (await app.Officer2Async()).ApproveHandoverAsync(pending.HandoverId())).ProblemAsync(HttpStatusCode.Forbidden);
        var twice = await (await supervisor.ApproveHandoverAsync(first.HandoverId())).ProblemAsync(HttpStatusCode.Conflict);
        var otherTeam = await (await (await app.ClientForAsync("supervisor.west@demo.local")).ApproveHandoverAsync(pending.HandoverId())).ProblemAsync(HttpStatusCode.NotFound);

        Assert.StartsWith("must be the email or user id of an active officer", west.FirstError("to"));
        Assert.StartsWith("must be the email or user id of an active officer", gone.FirstError("to"));
        Assert.Equal("must be after startsAt", inverted.FirstError("endsAt"));
        Assert.Equal("must be in the future: the period is over", over.FirstError("endsAt"));
        Assert.StartsWith("the period overlaps", overlap.FirstError("startsAt"));
        Assert.Equal("must be someone else", self.FirstError("to"));
        Assert.Contains("hands over their own work", forOther.GetProperty("detail").GetString());
        Assert.Contains("only a supervisor or inspector", byOfficer.GetProperty("detail").GetString());
        Assert.Contains("approved already", twice.GetProperty("detail").GetString());
        Assert.Equal("Not found", otherTeam.GetProperty("title").GetString());
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task TwoOverlappingRequestsAtOnceRecordOne()
    {
        var officer2 = await app.Officer2Async();
        var start = Now.AddDays(200);

        var answers = await Task.WhenAll(
            officer2.HandOverAsync("officer@demo.local", start, start.AddDays(2)),
            officer2.HandOverAsync("officer@demo.local", start.AddDays(1), start.AddDays(3)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.Single(answers, a => a.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict);
        Assert.Equal(1, app.WithDb(db => db.Handovers.Count(h => h.StartsAt >= start && h.StartsAt <= start.AddDays(1))));
    }
}
