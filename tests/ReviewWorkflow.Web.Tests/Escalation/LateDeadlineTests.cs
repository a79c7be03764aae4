using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using ReviewWorkflow.Web.Tests.Linkage;
using ReviewWorkflow.Web.Tests.Security;
using ReviewWorkflow.Web.Tests.Support;
using ReviewWorkflow.Web.Ui;

namespace ReviewWorkflow.Web.Tests.Escalation;

/// <summary>Deadlines run from when a step applies (issue 14, failure 4): through the API, the sweep and the SMTP sink.</summary>
public sealed class LateDeadlineTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private const string Referral = "Referral to the homicide command";
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>A case opened three weeks before a later death links to it; returns the case and the time of the link.</summary>
    private async Task<(JsonElement Case, DateTimeOffset LinkedAt)> LinkedWeeksAfterOpeningAsync(Func<Task<HttpClient>> signIn)
    {
        var officer = await signIn();
        var place = LinkageCases.NewPlace();
        var first = await officer.CreateCaseAsync(LinkageCases.Death(place, "2013-03-01T07:00:00Z", "Adam Early"));
        Assert.Equal(HttpStatusCode.OK, (await officer.CompleteAsync(first.Id(), "initial-report", Api.InitialReport)).StatusCode);

        app.Clock.Advance(21 * Day);
        officer = await signIn(); // the earlier token expired while the clock moved
        var second = await officer.CreateCaseAsync(LinkageCases.Death(place, "2013-03-20T07:00:00Z", "Brian Later", northMetres: 300));
        Assert.Equal("not-applicable", (await officer.GetCaseAsync(first.Id())).StateOf("homicide-referral"));
        var linkedAt = app.Clock.GetUtcNow();
        Assert.Equal(HttpStatusCode.OK, (await officer.DisposeAsync(first.Id(), second.Id(), "linked", "same wall, same drug, three weeks apart")).StatusCode);
        return (first, linkedAt);
    }

    private static DateTimeOffset DueAt(JsonElement c, string step) => c.Step(step).GetProperty("dueAt").GetDateTimeOffset();

    [Fact]
    public async Task AReferralRequiredByALinkFoundWeeksAfterOpeningDoesNotEscalateAtOnce()
    {
        var (c, linkedAt) = await LinkedWeeksAfterOpeningAsync(app.OfficerAsync);

        await app.SweepAsync();
        Assert.DoesNotContain(app.EscalationsOf(c), e => e.Step == "homicide-referral");
        Assert.Equal(linkedAt + Day, DueAt(await (await app.OfficerAsync()).GetCaseAsync(c.Id()), "homicide-referral"));

        app.Clock.Advance(Day - TimeSpan.FromMinutes(1));
        await app.SweepAsync();
        Assert.DoesNotContain(app.EscalationsOf(c), e => e.Step == "homicide-referral");

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.SweepAsync();
        await app.DeliverAllDueAsync();
        Assert.Equal([("homicide-referral", 1, "assignee")], app.EscalationsOf(c).Where(e => e.Step == "homicide-referral"));
        Assert.Single(app.MailCarrying(c, m => m.Subject.Contains(Referral)));
    }

    [Fact]
    public async Task ANoteFoundWeeksLaterStartsTheForensicStepsDeadlineThenNotAtOpening()
    {
        var officer = await app.OfficerAsync();
        var c = await officer.CreateCaseAsync(Api.NewCase());
        await officer.CompleteAsync(c.Id(), "initial-report", Api.InitialReport).OkAsync(); // no note found at the scene
        Assert.Equal("not-applicable", (await officer.GetCaseAsync(c.Id())).StateOf("forensic-documents"));

        app.Clock.Advance(20 * Day);
        officer = await app.OfficerAsync();
        var foundAt = app.Clock.GetUtcNow();
        var patched = await officer.PatchAsJsonAsync($"/api/cases/{c.Id()}", new { markers = new[] { "note-found" } });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);

        var later = await officer.GetCaseAsync(c.Id());
        Assert.Equal("available", later.StateOf("forensic-documents"));
        Assert.Equal(foundAt + 7 * Day, DueAt(later, "forensic-documents"));
        await app.SweepAsync();
        Assert.DoesNotContain(app.EscalationsOf(c), e => e.Step == "forensic-documents");

        // Told twice: the same marker again adds nothing and moves nothing.
        app.Clock.Advance(Day);
        Assert.Equal(HttpStatusCode.OK, (await (await app.OfficerAsync()).PatchAsJsonAsync($"/api/cases/{c.Id()}", new { markers = new[] { "note-found", "bruising" } })).StatusCode);
        Assert.Equal(foundAt + 7 * Day, DueAt(await (await app.OfficerAsync()).GetCaseAsync(c.Id()), "forensic-documents"));
    }

    [Fact]
    public async Task ABlockedSignOffEmailsNobodyAndEscalatesOnceItCanBeGiven()
    {
        var officer = await app.OfficerAsync();
        var c = await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase());

        app.Clock.Advance(10 * Day); // far past opening + the sign-off's 72 h
        await app.SweepAsync();
        await app.DeliverAllDueAsync();
        Assert.DoesNotContain(app.EscalationsOf(c), e => e.Step == "supervisor-review");
        Assert.Empty(app.MailCarrying(c, m => m.Subject.Contains("Supervisor review")));
        officer = await app.OfficerAsync();
        var blocked = (await officer.GetCaseAsync(c.Id())).Step("supervisor-review");
        Assert.Equal("blocked", blocked.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, blocked.GetProperty("dueAt").ValueKind);

        var ready = await officer.CompleteWorkAsync(c.Id());
        Assert.Equal("available", ready.StateOf("supervisor-review"));
        Assert.Equal(app.Clock.GetUtcNow() + TimeSpan.FromHours(72), DueAt(ready, "supervisor-review"));

        app.Clock.Advance(TimeSpan.FromHours(72) - TimeSpan.FromMinutes(1));
        await app.SweepAsync();
        Assert.DoesNotContain(app.EscalationsOf(c), e => e.Step == "supervisor-review");

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.SweepAsync();
        await app.DeliverAllDueAsync();
        Assert.Contains(("supervisor-review", 1, "assignee"), app.EscalationsOf(c));
        var mail = Assert.Single(app.MailCarrying(c, m => m.Subject.Contains("Supervisor review")));
        Assert.Equal(["supervisor@demo.local"], mail.To);
    }

    [Fact]
    public async Task ASecondReasonForTheReferralDoesNotRestartItsDeadline()
    {
        var (c, linkedAt) = await LinkedWeeksAfterOpeningAsync(app.OfficerAsync);
        app.Clock.Advance(TimeSpan.FromHours(12));

        var supervisor = await app.SupervisorAsync();
        var requested = await supervisor.RequestReferralAsync(c.Id(), "two deaths at one wall, the same finder").OkAsync();
        Assert.Equal(linkedAt + Day, DueAt(requested, "homicide-referral"));

        app.Clock.Advance(TimeSpan.FromHours(12));
        await app.SweepAsync();
        await app.SweepAsync();
        Assert.Equal([("homicide-referral", 1, "assignee")], app.EscalationsOf(c).Where(e => e.Step == "homicide-referral"));
    }

    [Fact]
    public async Task AReturnAfterApprovalStopsTheSignOffsLadderUntilTheRedo()
    {
        var officer = await app.OfficerAsync();
        var id = (await officer.CreateCaseAsync(ProcedureWalk.IsolatedCase())).Id();
        Assert.Equal(HttpStatusCode.OK, (await officer.CompleteAsync(id, "initial-report", Api.InitialReport)).StatusCode);
        await (await app.SupervisorAsync()).RequestReferralAsync(id, "the finder was named in an earlier death").OkAsync();
        await officer.CompleteAsync(id, "homicide-referral", ProcedureWalk.Referral("declined")).OkAsync();
        await officer.CompleteWorkAsync(id);
        var approved = await (await app.SupervisorAsync()).SignOffAsync(id, "approve").OkAsync();
        Assert.Equal("completed", approved.StateOf("supervisor-review"));

        var returned = await (await app.InspectorAsync()).SignOffAsync(id, "return", "Ask the command again with the toxicology results.",
            ["homicide-referral"], step: "referral-decline-review").OkAsync();
        Assert.Equal("blocked", returned.StateOf("supervisor-review")); // the approval lapsed; the redo is not done
        Assert.Equal(app.Clock.GetUtcNow() + Day, DueAt(returned, "homicide-referral"));

        app.Clock.Advance(10 * Day);
        await app.SweepAsync();
        await app.DeliverAllDueAsync();
        var c = await (await app.OfficerAsync()).GetCaseAsync(id);
        Assert.Contains(("homicide-referral", 1, "assignee"), app.EscalationsOf(c));
        Assert.DoesNotContain(app.EscalationsOf(c), e => e.Step == "supervisor-review");
        Assert.Empty(app.MailCarrying(c, m => m.Subject.Contains("Supervisor review")));

        var redone = await (await app.OfficerAsync()).CompleteAsync(id, "homicide-referral", ProcedureWalk.Referral("declined")).OkAsync();
        Assert.Equal("available", redone.StateOf("supervisor-review"));
        Assert.Equal(app.Clock.GetUtcNow() + TimeSpan.FromHours(72), DueAt(redone, "supervisor-review"));
    }

    [Fact]
    public async Task TheCasePageMyWorkAndTheOverdueBoardShowTheSameDeadline()
    {
        // Team west: its lists hold only this test's work.
        var (c, linkedAt) = await LinkedWeeksAfterOpeningAsync(app.WestOfficerAsync);
        app.Clock.Advance(Day + TimeSpan.FromHours(6)); // the referral is six hours overdue
        var due = DueAt(await (await app.WestOfficerAsync()).GetCaseAsync(c.Id()), "homicide-referral");
        Assert.Equal(linkedAt + Day, due);
        var shown = Display.Time(due);

        var officer = await PageSession.SignedInAsync(app, "officer.west@demo.local");
        var casePage = await officer.GetStringAsync($"/cases/{c.Id()}");
        Assert.Contains($"<span>due {shown}</span>", Segment(casePage, "id=\"step-homicide-referral\"", "</li>"));
        var myWork = await officer.GetStringAsync("/");
        Assert.Contains($"({shown})", Segment(myWork, "<li", "</li>", containing: Referral));

        var supervisor = await PageSession.SignedInAsync(app, "supervisor.west@demo.local");
        var board = await supervisor.GetStringAsync("/overdue");
        Assert.Contains($"(due {shown})", Segment(board, "<tr", "</tr>", containing: Referral));
    }

    /// <summary>The first piece of <paramref name="html"/> from <paramref name="start"/> to <paramref name="end"/> (containing a text, if given).</summary>
    private static string Segment(string html, string start, string end, string? containing = null)
    {
        foreach (var piece in html.Split(start).Skip(1))
        {
            var segment = piece[..Math.Max(0, piece.IndexOf(end, StringComparison.Ordinal))];
            if (containing is null || segment.Contains(containing)) return segment;
        }
        throw new Xunit.Sdk.XunitException($"no {start}…{end} {(containing is null ? "" : $"containing {containing} ")}on the page");
    }
}
