using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ReviewWorkflow.Engine.Definitions;
using ReviewWorkflow.Engine.Linkage;
using ReviewWorkflow.Web.Infrastructure;
using ReviewWorkflow.Web.Linkage;
using ReviewWorkflow.Web.Tests.Support;
using ReviewWorkflow.Web.Workflows;

namespace ReviewWorkflow.Web.Tests.Linkage;

public sealed class LinkageTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    [Fact]
    public async Task APlantedSeriesLinksInBothDirectionsWithReasons()
    {
        var officer = await app.OfficerAsync();
        var place = LinkageCases.NewPlace();
        var first = (await officer.CreateCaseAsync(LinkageCases.Death(place, "2014-06-19T04:05:00Z", "Anthony Walgate", age: 23))).Id();
        var second = (await officer.CreateCaseAsync(LinkageCases.Death(place, "2014-08-28T06:00:00Z", "Gabriel Kovari", age: 22,
            substances: ["gbl"], northMetres: 480,
            persons: [new { name = "  " + place.Finder.ToUpperInvariant().Replace(" ", "  "), role = "finder", phone = "+44" + place.FinderPhone[1..] }]))).Id();

        var ofSecond = await officer.LinkageAsync(second);
        var hit = ofSecond.CandidateFor(first) ?? throw new Xunit.Sdk.XunitException("the earlier death is not a candidate of the later one");
        var reasons = hit.GetProperty("reasons").EnumerateArray()
            .ToDictionary(r => r.GetProperty("factor").GetString()!, r => r.GetProperty("detail").GetString()!);
        Assert.Equal("found 480 m apart", reasons["distance"]);
        Assert.Equal("both GHB/GBL", reasons["substance"]);
        Assert.StartsWith("M. H...: finder in UD-", reasons["sharedPerson"]);
        Assert.Contains("phone number", reasons["sharedPerson"]);
        Assert.DoesNotContain("Hollis", hit.GetRawText(), StringComparison.OrdinalIgnoreCase);
        var score = hit.GetProperty("score").GetDouble();
        Assert.InRange(score, 0.35, 1.0);
        var sum = hit.GetProperty("reasons").EnumerateArray().Sum(r => r.GetProperty("contribution").GetDouble());
        Assert.Equal(score, sum, 2);
        Assert.Equal(JsonValueKind.Null, hit.GetProperty("disposition").ValueKind);

        // The other direction: the earlier case gets the later death too.
        Assert.NotNull((await officer.LinkageAsync(first)).CandidateFor(second));

        // A third death joins both earlier ones, and each earlier case shows it, best first.
        var third = (await officer.CreateCaseAsync(LinkageCases.Death(place, "2014-09-20T05:00:00Z", "Daniel Whitworth", age: 21,
            substances: ["1,4-butanediol"]))).Id();
        var ofThird = (await officer.LinkageAsync(third)).Candidates();
        Assert.Equal(new[] { first, second }.Order(), ofThird.Select(c => c.GetProperty("caseId").GetString()!).Order());
        var scores = ofThird.Select(c => c.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.NotNull((await officer.LinkageAsync(first)).CandidateFor(third));
        Assert.NotNull((await officer.LinkageAsync(second)).CandidateFor(third));
    }

    [Fact]
    public async Task AnOfficerCannotCompleteTheLinkageStepOrCloseTheCaseWithAnUndecidedCandidate()
    {
        var officer = await app.OfficerAsync();
        var place = LinkageCases.NewPlace();
        var first = (await officer.CreateCaseAsync(LinkageCases.Death(place, "2010-09-13T07:00:00Z", "Jack Taylor"))).Id();
        var second = (await officer.CreateCaseAsync(LinkageCases.Death(place, "2010-10-01T07:00:00Z", "John Doe"))).Id();
        Assert.Equal(HttpStatusCode.OK, (await officer.CompleteAsync(second, "initial-report", Api.InitialReport)).StatusCode);
        var c = await officer.GetCaseAsync(second);
        Assert.Contains(c.GetProperty("unmet").Strings(), l => l.StartsWith("linkage-check: 1 candidate not dispositioned: ", StringComparison.Ordinal));
        var before = await app.SnapshotAsync();

        var complete = await (await officer.CompleteAsync(second, "linkage-check", new { fields = new { }, note = "checked" }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(complete.GetProperty("unmet").Strings(), l => l.StartsWith("1 linkage candidate not dispositioned: ", StringComparison.Ordinal));
        var close = await (await officer.PostAsJsonAsync($"/api/cases/{second}/close", new { rationale = "nothing more to do" }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(close.GetProperty("unmet").Strings(), l => l.StartsWith("linkage-check: 1 candidate not dispositioned: ", StringComparison.Ordinal));
        await app.AssertUnchangedSinceAsync(before);

        Assert.Equal(HttpStatusCode.OK, (await officer.DisposeAsync(second, first, "not-linked", "different circumstances on review")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.CompleteAsync(second, "linkage-check", new { fields = new { }, note = "checked" })).StatusCode);
    }

    [Fact]
    public async Task ALinkedDispositionRequiresTheHomicideReferralNotifiesWithoutNamesAndIsRecordedForFourEyes()
    {
        var officer = await app.OfficerAsync();
        var place = LinkageCases.NewPlace();
        var first = (await officer.CreateCaseAsync(LinkageCases.Death(place, "2012-01-10T07:00:00Z", "Aaron Lee"))).Id();
        var second = await officer.CreateCaseAsync(LinkageCases.Death(place, "2012-02-01T07:00:00Z", "Ben Ortiz"));
        Assert.Equal("not-applicable", second.StateOf("homicide-referral"));

        var response = await officer.DisposeAsync(second.Id(), first, "linked", "same place, same drug, same finder");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var candidate = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("linked", candidate.GetProperty("disposition").GetProperty("decision").GetString());
        Assert.Equal("Olivia Officer", candidate.GetProperty("disposition").GetProperty("by").GetProperty("displayName").GetString());
        var c = await officer.GetCaseAsync(second.Id());
        Assert.NotEqual("not-applicable", c.StateOf("homicide-referral"));
        Assert.Contains("homicide-referral: not completed", c.GetProperty("unmet").Strings());

        var mail = app.WithDb(db => db.Outbox.Where(m => m.CaseId == Guid.Parse(second.Id()) && m.Kind == "linkage").ToList());
        Assert.Equal(["inspector", "supervisor"], mail.Select(m => m.Recipient).Order());
        Assert.All(mail, m =>
        {
            Assert.Contains(second.GetProperty("reference").GetString()!, m.TextBody);
            Assert.Contains($"/cases/{second.Id()}/linkage", m.TextBody);
            Assert.DoesNotContain("/api/", m.TextBody);
            Assert.DoesNotContain("Ortiz", m.TextBody + m.Subject + m.HtmlBody);
            Assert.DoesNotContain("Hollis", m.TextBody + m.Subject + m.HtmlBody);
        });
        var contribution = app.WithDb(db => db.CaseActivities.Single(a => a.CaseId == Guid.Parse(second.Id()) && a.StepKey == "linkage-check"));
        Assert.Equal(Engine.Evaluation.ActivityKind.Contributed, contribution.Kind);
        Assert.StartsWith("dispositioned linkage candidate UD-", contribution.Note);
        var audit = await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{second.Id()}/audit");
        Assert.Contains("linkage.dispositioned", audit.EnumerateArray().Select(e => e.GetProperty("action").GetString()));

        var again = await officer.DisposeAsync(second.Id(), first, "not-linked", "changed my mind");
        await again.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task BadDispositionsAreRefusedAndChangeNothing()
    {
        var officer = await app.OfficerAsync();
        var place = LinkageCases.NewPlace();
        var first = (await officer.CreateCaseAsync(LinkageCases.Death(place, "2017-03-01T07:00:00Z", "Carl Dunn"))).Id();
        var second = (await officer.CreateCaseAsync(LinkageCases.Death(place, "2017-03-20T07:00:00Z", "Dan Eyre"))).Id();
        var stranger = (await officer.CreateCaseAsync()).Id();
        var before = await app.SnapshotAsync();
        var outboxBefore = app.WithDb(db => db.Outbox.Count());

        var noRationale = await (await officer.DisposeAsync(second, first, "linked", "")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(noRationale.GetProperty("errors").TryGetProperty("rationale", out _));
        var badDecision = await (await officer.DisposeAsync(second, first, "maybe", "it looks similar")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(badDecision.GetProperty("errors").TryGetProperty("decision", out _));
        await (await officer.DisposeAsync(second, stranger, "linked", "not a candidate at all")).ProblemAsync(HttpStatusCode.NotFound);
        var west = await app.WestOfficerAsync();
        await (await west.DisposeAsync(second, first, "not-linked", "another team's case")).ProblemAsync(HttpStatusCode.NotFound);
        await (await west.GetAsync($"/api/cases/{second}/linkage")).ProblemAsync(HttpStatusCode.NotFound);

        await app.AssertUnchangedSinceAsync(before);
        Assert.Equal(outboxBefore, app.WithDb(db => db.Outbox.Count()));
        Assert.Equal(JsonValueKind.Null, (await officer.LinkageAsync(second)).CandidateFor(first)!.Value.GetProperty("disposition").ValueKind);
    }

    [Fact]
    public async Task ANewDeathLinksToAClosedCaseAndPutsItBackOnTheReviewList()
    {
        var officer = await app.OfficerAsync();
        var supervisor = await app.SupervisorAsync();
        var place = LinkageCases.NewPlace();
        var earlier = (await officer.ToClosedAsync(supervisor, LinkageCases.Death(place, "2018-05-01T07:00:00Z", "Evan Ford"))).Id();
        Assert.DoesNotContain(earlier, (await supervisor.GetFromJsonAsync<JsonElement>("/api/cases?needsReview=true")).GetProperty("items").EnumerateArray().Select(i => i.Id()));

        var later = (await officer.CreateCaseAsync(LinkageCases.Death(place, "2018-06-01T07:00:00Z", "Finn Grey"))).Id();

        Assert.NotNull((await officer.LinkageAsync(earlier)).CandidateFor(later));
        var review = await supervisor.GetFromJsonAsync<JsonElement>("/api/cases?needsReview=true");
        Assert.Contains(earlier, review.GetProperty("items").EnumerateArray().Select(i => i.Id()));
        var told = app.WithDb(db => db.Outbox.Where(m => m.CaseId == Guid.Parse(earlier)).Select(m => m.Recipient).ToList());
        Assert.Equal(["officer", "supervisor"], told.Order());

        var decided = await officer.DisposeAsync(earlier, later, "not-linked", "the later death was a medical cause");
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var after = await supervisor.GetFromJsonAsync<JsonElement>("/api/cases?needsReview=true");
        Assert.DoesNotContain(earlier, after.GetProperty("items").EnumerateArray().Select(i => i.Id()));
        Assert.Equal("closed", (await officer.GetCaseAsync(earlier)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AddingFactsLaterRunsTheLinkageCheckAgain()
    {
        var officer = await app.OfficerAsync();
        var place = LinkageCases.NewPlace();
        var first = (await officer.CreateCaseAsync(LinkageCases.Death(place, "2019-01-05T07:00:00Z", "Harry Ives", substances: [],
            persons: [new { name = "Stephen Marsh", role = "reporting-person", phone = "07700 900777" }]))).Id();
        var far = place with { Lat = place.Lat + 1.5 };
        var second = (await officer.CreateCaseAsync(LinkageCases.Death(far, "2019-02-05T07:00:00Z", "Ian Jones", substances: [], persons: []))).Id();
        Assert.Empty((await officer.LinkageAsync(second)).Candidates());

        var patched = await officer.PatchAsJsonAsync($"/api/cases/{second}", new
        {
            persons = new[] { new { name = "S. Marsh", role = "witness", phone = "+447700900777" } },
        });

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Contains((await patched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unmet").Strings(), l => l.StartsWith("linkage-check: 1 candidate not dispositioned: ", StringComparison.Ordinal));
        var hit = (await officer.LinkageAsync(second)).CandidateFor(first)!.Value;
        var person = hit.GetProperty("reasons").EnumerateArray().Single(r => r.GetProperty("factor").GetString() == "sharedPerson");
        Assert.StartsWith("S. M...: witness in UD-", person.GetProperty("detail").GetString());
        Assert.Contains("; reporting person in UD-", person.GetProperty("detail").GetString());
        Assert.NotNull((await officer.LinkageAsync(first)).CandidateFor(second));
    }

    [Fact]
    public async Task TwoMatchingDeathsRecordedAtTheSameMomentStillLinkBothWays()
    {
        var officer = await app.OfficerAsync();
        var officer2 = await app.Officer2Async();
        var place = LinkageCases.NewPlace();

        var created = await Task.WhenAll(
            officer.CreateCaseAsync(LinkageCases.Death(place, "2020-07-01T07:00:00Z", "Kai Lamb")),
            officer2.CreateCaseAsync(LinkageCases.Death(place, "2020-07-09T07:00:00Z", "Luke Moss")));

        var (a, b) = (created[0].Id(), created[1].Id());
        Assert.NotNull((await officer.LinkageAsync(a)).CandidateFor(b));
        Assert.NotNull((await officer.LinkageAsync(b)).CandidateFor(a));
    }

    [Fact]
    public async Task UnknownSubstanceSpellingsAreKeptFlaggedAndStillCompared()
    {
        var officer = await app.OfficerAsync();
        var created = await officer.CreateCaseAsync(Api.NewCase(substances: ["GHB", "xylazine"]));

        Assert.Equal(["GHB", "xylazine"], created.GetProperty("substances").Strings());
        Assert.Equal(["xylazine"], created.GetProperty("unrecognisedSubstances").Strings());
        var families = app.WithDb(db => db.Cases.Where(c => c.Id == Guid.Parse(created.Id())).Select(c => c.SubstanceFamilies).Single());
        Assert.Equal(["GHB/GBL", "?xylazine"], families);
    }

    [Fact]
    public async Task ASearchByPersonsAloneKeepsItsPlanFindsTheDeathEveryTimeAndLeavesTheRestOfTheChangePlannedAsUsual()
    {
        var officer = await app.OfficerAsync();
        var place = LinkageCases.NewPlace();
        var earlier = (await officer.CreateCaseAsync(LinkageCases.Death(place, "2013-04-01T04:05:00Z", "Sean Search",
            persons: [new { name = "unknown", role = "witness", phone = "07700 900471" }]))).Id();
        var settings = app.Services.GetRequiredService<WorkflowRegistry>().Get("unexplained-death", 1).StepOfKind(StepKind.Linkage)!.Linkage!;
        var subject = new LinkageSubject("UD-TEST", DateTimeOffset.Parse("2019-01-01T00:00:00Z"), place.Lat + 2, place.Lon, ["alcohol"], "male", 30, [],
            [new LinkageIdentifier(IdentifierKinds.Phone, PersonIdentifiers.Phone("+44 7700 900471")!, "reported the death", "0", "A. C...")]);
        // As a re-check after a step answer searches: by the case's persons only.
        var plan = LinkageSearchPlan.For(settings, subject) with { PlaceBoxes = [], RareFamilies = [] };

        await using var connection = new NpgsqlConnection(DatabaseSetup.WithAutoPrepare(app.ConnectionString));
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        // Past Npgsql's preparing (second use) and PostgreSQL's five custom plans before it weighs a generic one.
        for (var run = 0; run < 8; run++)
        {
            var found = await LinkageSearch.FindAsync(connection, Guid.NewGuid(), subject, plan);
            Assert.Equal(Guid.Parse(earlier), Assert.Single(found).Id);
        }

        await using (var plans = new NpgsqlCommand(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%FROM linkage_identifiers i%'", connection))
        await using (var reader = await plans.ExecuteReaderAsync())
        {
            var statements = 0;
            while (await reader.ReadAsync())
            {
                statements++;
                Assert.Equal(0L, reader.GetInt64(1));
                Assert.True(reader.GetInt64(0) > 0);
            }
            Assert.Equal(2, statements); // the identifiers found, and the deaths found by them
        }
        await using var mode = new NpgsqlCommand("SHOW plan_cache_mode", connection);
        Assert.Equal("auto", await mode.ExecuteScalarAsync());
    }
}
