using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewWorkflow.Web.Tests.Linkage;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.SignOff;

/// <summary>
/// Issue 14, failures 2 and 3 through the API: a candidate found after the work was approved, after
/// closure, twice, and decided on the closed case; and a linked, referred case the officer alone
/// classified "not suspicious" and closed at once.
/// </summary>
public sealed class LateEvidenceTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    private static string Reference(JsonElement c) => c.GetProperty("reference").GetString()!;

    private static string Detail(JsonElement problem) => problem.GetProperty("detail").GetString()!;

    [Fact]
    public async Task ACandidateFoundAfterTheSignOffReopensTheLinkageStepAndBlocksUntilDecided()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var place = LinkageCases.NewPlace();
        var a = (await officer.ToApprovedAsync(supervisor, LinkageCases.Death(place, "2014-06-19T04:05:00Z", "Anthony Walgate"))).Id();

        var b = await officer.CreateCaseAsync(LinkageCases.Death(place, "2014-08-28T06:00:00Z", "Gabriel Kovari", northMetres: 480));
        var found = $"{Reference(b)} found on ";

        var reopened = await officer.GetCaseAsync(a);
        Assert.Equal("available", reopened.StateOf("linkage-check"));
        Assert.NotEqual("completed", reopened.StateOf("supervisor-review"));
        Assert.Contains(reopened.GetProperty("unmet").Strings(), l => l.StartsWith("linkage-check: ", StringComparison.Ordinal) && l.Contains(found, StringComparison.Ordinal));
        Assert.Contains(reopened.GetProperty("unmet").Strings(), l => l.StartsWith("supervisor-review: approval lapsed — linkage-check reopened after the approval", StringComparison.Ordinal));
        // On the officer's My work at once: My work reads the step rows, refreshed when the later death was recorded.
        Assert.Equal(Engine.Evaluation.StepState.Available,
            app.WithDb(db => db.CaseSteps.Single(s => s.CaseId == Guid.Parse(a) && s.Key == "linkage-check").State));
        var before = await app.SnapshotAsync();

        Assert.Contains(found, Detail(await (await supervisor.SignOffAsync(a, "approve")).ProblemAsync(HttpStatusCode.Conflict)));
        Assert.Contains((await (await officer.ClassifyAsync(a, "not-suspicious")).ProblemAsync(HttpStatusCode.Conflict)).GetProperty("unmet").Strings(),
            l => l.Contains(found, StringComparison.Ordinal));
        Assert.Contains((await (await officer.CloseAsync(a)).ProblemAsync(HttpStatusCode.Conflict)).GetProperty("unmet").Strings(),
            l => l.Contains(found, StringComparison.Ordinal));
        await app.AssertUnchangedSinceAsync(before);

        await officer.DisposeAllAsync(a);
        Assert.Equal("completed", (await officer.GetCaseAsync(a)).StateOf("linkage-check"));
        await supervisor.SignOffAsync(a, "approve").OkAsync();
        await officer.ClassifyAsync(a, "not-suspicious").OkAsync();
        await supervisor.ApproveClassificationAsync(a).OkAsync();
        Assert.Equal("closed", (await officer.CloseAsync(a).OkAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ALinkedReferredCaseCannotBeClosedNotSuspiciousOnTheOfficersWordAlone()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var inspector = await app.InspectorAsync();
        var place = LinkageCases.NewPlace();
        var a = (await officer.CreateCaseAsync(LinkageCases.Death(place, "2014-06-19T04:05:00Z", "Anthony Walgate"))).Id();
        var b = (await officer.CreateCaseAsync(LinkageCases.Death(place, "2014-08-28T06:00:00Z", "Gabriel Kovari", northMetres: 480))).Id();
        Assert.Equal(HttpStatusCode.OK, (await officer.DisposeAsync(b, a, "linked", "same place, same drug, same finder")).StatusCode);
        await officer.CompleteWorkAsync(b);
        Assert.Equal("completed", (await officer.GetCaseAsync(b)).StateOf("homicide-referral")); // the walk made the referral: accepted
        await supervisor.SignOffAsync(b, "approve").OkAsync();

        // Failure 3 was 200, 200: classified and closed at once by the officer alone.
        await officer.ClassifyAsync(b, "not-suspicious").OkAsync();
        var before = await app.SnapshotAsync();
        Assert.Equal(
            ["classification-review: not completed", "classification-inspector-review: not completed — needs sign-off by an inspector"],
            (await (await officer.CloseAsync(b)).ProblemAsync(HttpStatusCode.Conflict)).GetProperty("unmet").Strings());
        await app.AssertUnchangedSinceAsync(before);

        await supervisor.ApproveClassificationAsync(b).OkAsync();
        Assert.Equal(["classification-inspector-review: not completed — needs sign-off by an inspector"],
            (await (await officer.CloseAsync(b)).ProblemAsync(HttpStatusCode.Conflict)).GetProperty("unmet").Strings());
        Assert.Equal("only an inspector may sign off classification-inspector-review",
            Detail(await (await supervisor.ApproveClassificationAsync(b, "classification-inspector-review")).ProblemAsync(HttpStatusCode.Forbidden)));

        await inspector.ApproveClassificationAsync(b, "classification-inspector-review").OkAsync();
        Assert.Equal("closed", (await officer.CloseAsync(b).OkAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AReturnedClassificationIsMadeAgainBeforeClosure()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var id = (await officer.ToApprovedAsync(supervisor)).Id();
        await officer.ClassifyAsync(id, "not-suspicious").OkAsync();

        var returned = await supervisor.SignOffAsync(id, "return", "The rationale does not address the missing phone.",
            returnSteps: ["classification"], step: "classification-review").OkAsync();

        Assert.Equal("returned", returned.StateOf("classification"));
        await (await officer.CloseAsync(id)).ProblemAsync(HttpStatusCode.Conflict);
        await officer.ClassifyAsync(id, "not-suspicious", "Phone found at the address; toxicology shows a therapeutic dose only.").OkAsync();
        await supervisor.ApproveClassificationAsync(id).OkAsync();
        Assert.Equal("closed", (await officer.CloseAsync(id).OkAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ACandidateFoundAfterClosureTwiceIsListedOnceDecidedOnTheClosedCaseAndALinkNeedsTheReferral()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var place = LinkageCases.NewPlace();
        var closed = await officer.ToClosedAsync(supervisor, LinkageCases.Death(place, "2014-06-19T04:05:00Z", "Anthony Walgate"));
        var a = closed.Id();

        var b = (await officer.CreateCaseAsync(LinkageCases.Death(place, "2014-08-28T06:00:00Z", "Gabriel Kovari", northMetres: 480))).Id();
        // Twice: new facts on the later death run the check again; the candidate is not added a second time.
        Assert.Equal(HttpStatusCode.OK, (await officer.PatchAsJsonAsync($"/api/cases/{b}", new { substances = new[] { "GHB", "alcohol" } })).StatusCode);

        Assert.Single((await officer.LinkageAsync(a)).Candidates(), k => k.GetProperty("caseId").GetString() == b);
        var review = await officer.GetCaseAsync(a);
        Assert.True(review.GetProperty("needsReview").GetBoolean());

        var outboxBefore = app.WithDb(db => db.Outbox.Count(m => m.CaseId == Guid.Parse(a)));
        Assert.Equal(HttpStatusCode.OK, (await officer.DisposeAsync(a, b, "linked", "same place, same drug, the same finder")).StatusCode);

        var linked = await officer.GetCaseAsync(a);
        Assert.Equal("closed", linked.GetProperty("status").GetString());
        Assert.True(linked.GetProperty("needsReview").GetBoolean());
        Assert.Equal("available", linked.StateOf("homicide-referral"));
        Assert.Contains("homicide-referral: not completed", linked.GetProperty("unmet").Strings());
        Assert.Equal(outboxBefore + 2, app.WithDb(db => db.Outbox.Count(m => m.CaseId == Guid.Parse(a))));

        // The referral can be made on the closed case.
        var referred = await officer.CompleteAsync(a, "homicide-referral", ProcedureWalk.Referral("accepted")).OkAsync();
        Assert.Equal("completed", referred.StateOf("homicide-referral"));
        Assert.DoesNotContain("homicide-referral: not completed", referred.GetProperty("unmet").Strings());

        // Linked and referred, its "not suspicious" is now an inspector's to approve, on the closed case;
        // sending it back would reopen the case, which a sign-off does not do.
        Assert.Equal("available", referred.StateOf("classification-inspector-review"));
        Assert.True(referred.GetProperty("needsReview").GetBoolean());
        var inspector = await app.InspectorAsync();
        var refused = await (await inspector.SignOffAsync(a, "return", returnSteps: ["classification"], step: "classification-inspector-review"))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("the case is closed: classification-inspector-review can only be approved on it, not returned", refused.GetProperty("detail").GetString());
        await (await supervisor.SignOffAsync(a, "approve", step: "classification-inspector-review")).ProblemAsync(HttpStatusCode.Forbidden);
        var approved = await inspector.ApproveClassificationAsync(a, "classification-inspector-review").OkAsync();
        Assert.Equal("completed", approved.StateOf("classification-inspector-review"));
        Assert.Empty(approved.GetProperty("unmet").Strings());
        Assert.False(approved.GetProperty("needsReview").GetBoolean());
        Assert.Equal("closed", approved.GetProperty("status").GetString());
    }
}
