using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using ReviewWorkflow.Web.Tests.FamilyInformation;
using ReviewWorkflow.Web.Tests.Security;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Linkage;

/// <summary>
/// Issue 14, failure 1: a person named by a friend, in a step's answer or in a text reaches the
/// linkage check whenever he arrives, and a shared person always makes a candidate, listed first.
/// Each test has its own man, so the tests of the class do not link to each other.
/// </summary>
public sealed class LateEvidenceTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    // Each test's friend is his own, so the givers of the tests' items do not link their cases.
    private static object Friend(string giver, string summary, object[] persons) => Register.Item(ReviewApp.Start.AddHours(-1),
        name: giver, relationship: "friend", contact: $"{giver.Replace(' ', '.').ToLowerInvariant()}@example.org", summary: summary, persons: persons);

    private static object Associate(string name, string phone) => new { name, role = "associate", phone };

    [Fact]
    public async Task AManNamedByAFriendJoinsEveryDeathThatHasHimHoweverHeIsRecorded()
    {
        var officer = await app.OfficerAsync();
        var place = LinkageCases.NewPlace();
        var a = await officer.CreateCaseAsync(LinkageCases.Death(place, "2014-06-19T04:05:00Z", "Anthony Walgate", persons: []));
        await officer.LoggedAsync(a.Id(), Friend("Lee Friend", "Says he went home with a man he met online.", [Associate("Daniel Kerr", "07700 900461")]));

        // Three weeks later, 600 m away: Daniel Kerr is an associate, his number written in international form.
        var b = await officer.CreateCaseAsync(LinkageCases.Death(place, "2014-07-10T05:00:00Z", "Gabriel Kovari", northMetres: 600,
            persons: [Associate("Daniel Kerr", "+44 7700 900461")]));

        var ofB = (await officer.LinkageAsync(b.Id())).CandidateFor(a.Id()) ?? throw new Xunit.Sdk.XunitException("A is not a candidate of B");
        var first = ofB.GetProperty("reasons")[0];
        Assert.Equal("sharedPerson", first.GetProperty("factor").GetString());
        Assert.Equal($"D. K...: associate in {Ref(b)}; named by a friend in FI-1 of {Ref(a)} (same name and phone number)",
            first.GetProperty("detail").GetString());
        var ofA = (await officer.LinkageAsync(a.Id())).CandidateFor(b.Id()) ?? throw new Xunit.Sdk.XunitException("B is not a candidate of A");
        Assert.Equal("sharedPerson", ofA.GetProperty("reasons")[0].GetProperty("factor").GetString());

        // Far away and years later, with nothing else in common: he is only in C's circumstances.
        var c = await officer.CreateCaseAsync(LinkageCases.Death(place, "2019-03-02T05:00:00Z", "Daniel Whitworth", northMetres: 200_000,
            substances: ["heroin"], persons: [], circumstances: "Neighbours said a man called Daniel Kerr had visited the flat that evening."));
        var ofC = await officer.LinkageAsync(c.Id());
        foreach (var other in new[] { a, b })
        {
            var hit = ofC.CandidateFor(other.Id()) ?? throw new Xunit.Sdk.XunitException($"{Ref(other)} is not a candidate of C");
            Assert.Equal("sharedPerson", hit.GetProperty("reasons")[0].GetProperty("factor").GetString());
            Assert.StartsWith($"D. K...: mentioned in the circumstances of {Ref(c)}; ", hit.GetProperty("reasons")[0].GetProperty("detail").GetString());
            Assert.True(hit.GetProperty("score").GetDouble() < 0.35, "a candidate through the shared person alone, below the threshold");
            Assert.NotNull((await officer.LinkageAsync(other.Id())).CandidateFor(c.Id()));
        }
        Assert.DoesNotContain("Kerr", (await officer.LinkageAsync(a.Id())).GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnItemLoggedAfterTheLaterDeathReachesItAndLoggedTwiceAddsNothing()
    {
        var officer = await app.OfficerAsync();
        var place = LinkageCases.NewPlace();
        var a = await officer.CreateCaseAsync(LinkageCases.Death(place, "2015-01-05T04:05:00Z", "Adam Aske", persons: []));
        // B is far and years later, so nothing but the man can join them.
        var b = await officer.CreateCaseAsync(LinkageCases.Death(place, "2019-05-01T05:00:00Z", "Ben Bourne", northMetres: 150_000,
            substances: ["heroin"], persons: [Associate("Carl Marwood", "+447700900462")]));
        Assert.Empty((await officer.LinkageAsync(a.Id())).Candidates());

        var item = Friend("Kim Roper", "He was with Carl Marwood before he died.", [Associate("Carl Marwood", "07700 900462")]);
        await officer.LoggedAsync(a.Id(), item);

        var ofA = (await officer.LinkageAsync(a.Id())).Candidates();
        Assert.Equal(b.Id(), Assert.Single(ofA).GetProperty("caseId").GetString());
        Assert.Equal("sharedPerson", ofA[0].GetProperty("reasons")[0].GetProperty("factor").GetString());
        var ofB = Assert.Single((await officer.LinkageAsync(b.Id())).Candidates());
        Assert.Equal(a.Id(), ofB.GetProperty("caseId").GetString());
        Assert.StartsWith($"C. M...: associate in {Ref(b)}; ", ofB.GetProperty("reasons")[0].GetProperty("detail").GetString());
        var mail = app.WithDb(db => db.Outbox.Count(m => m.Kind == "linkage"));

        // The same call logged again: a second item, the same candidates, nobody told twice.
        await officer.LoggedAsync(a.Id(), item);
        Assert.Single((await officer.LinkageAsync(a.Id())).Candidates());
        Assert.Single((await officer.LinkageAsync(b.Id())).Candidates());
        Assert.Equal(mail, app.WithDb(db => db.Outbox.Count(m => m.Kind == "linkage")));
    }

    [Fact]
    public async Task APhoneNumberSharedAcross200KmAndFiveYearsIsStillACandidateWhenAStepAnswerBringsIt()
    {
        var officer = await app.OfficerAsync();
        var place = LinkageCases.NewPlace();
        var earlier = await officer.CreateCaseAsync(LinkageCases.Death(place, "2012-02-01T04:05:00Z", "Evan Early", persons: []));
        var later = await officer.CreateCaseAsync(LinkageCases.Death(place, "2017-03-01T05:00:00Z", "Larry Late", northMetres: 200_000,
            substances: ["alcohol"], persons: [new { name = "unknown", role = "witness", phone = "+44 7700 900463" }]));
        Assert.Empty((await officer.LinkageAsync(earlier.Id())).Candidates());

        // Late: the earlier case's initial report, answered after the later death was recorded, names the reporter's number.
        var report = new
        {
            fields = new Dictionary<string, object>
            {
                ["discoveredAt"] = "2012-02-01T04:05:00Z", ["address"] = "Cooke Street, Barking",
                ["foundBy"] = new { name = "Anonymous caller" }, ["reportedBy"] = new { name = "Anonymous caller", phone = "07700 900463" },
                ["attendingOfficers"] = new[] { "PC 1234" }, ["scenePreserved"] = true, ["phonePresent"] = false, ["noteFound"] = false,
            },
            note = "initial attendance",
        };
        await officer.CompleteAsync(earlier.Id(), "initial-report", report).OkAsync();

        var hit = Assert.Single((await officer.LinkageAsync(earlier.Id())).Candidates());
        Assert.Equal(later.Id(), hit.GetProperty("caseId").GetString());
        var shared = hit.GetProperty("reasons")[0];
        Assert.Equal("sharedPerson", shared.GetProperty("factor").GetString());
        Assert.Contains("who reported the death in", shared.GetProperty("detail").GetString());
        Assert.Contains("(same phone number)", shared.GetProperty("detail").GetString());
        Assert.NotNull((await officer.LinkageAsync(later.Id())).CandidateFor(earlier.Id()));
        var c = await officer.GetCaseAsync(earlier.Id());
        Assert.Contains(c.GetProperty("unmet").Strings(), l => l.StartsWith("linkage-check: 1 candidate not dispositioned", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACandidateOfAnotherTeamShowsWhatMatchedAndWhomToContactAndBothSidesSeeTheOthersDecision()
    {
        var east = await app.OfficerAsync();
        var west = await app.WestOfficerAsync();
        var place = LinkageCases.NewPlace();
        var ofEast = await east.CreateCaseAsync(LinkageCases.Death(place, "2016-04-01T04:05:00Z", "Edward Eastley",
            persons: [Associate("Mark Tolland", "07700 900464")]));
        var ofWest = await west.CreateCaseAsync(LinkageCases.Death(place, "2016-04-20T05:00:00Z", "William Westley", northMetres: 800,
            persons: [Associate("Mark Tolland", "+44 7700 900464")]));

        var seen = (await west.LinkageAsync(ofWest.Id())).CandidateFor(ofEast.Id()) ?? throw new Xunit.Sdk.XunitException("no candidate");
        Assert.Equal(Ref(ofEast), seen.GetProperty("reference").GetString());
        Assert.Equal("east", seen.GetProperty("team").GetString());
        var facts = seen.GetProperty("facts");
        Assert.Equal("beside the churchyard wall", facts.GetProperty("place").GetString());
        Assert.InRange(facts.GetProperty("km").GetDouble(), 0.79, 0.81);
        Assert.Equal(19, facts.GetProperty("daysApart").GetDouble(), 0);
        Assert.Equal(["GHB/GBL"], facts.GetProperty("sharedSubstances").Strings());
        Assert.Equal(["found-outdoors", "phone-missing", "posed"], facts.GetProperty("sharedMarkers").Strings().Order().ToList());
        Assert.Equal("Olivia Officer", seen.GetProperty("officer").GetProperty("displayName").GetString());
        Assert.Equal("officer@demo.local", seen.GetProperty("officer").GetProperty("email").GetString());
        Assert.Equal(["Sam Supervisor"], seen.GetProperty("supervisors").EnumerateArray().Select(s => s.GetProperty("displayName").GetString()!));
        Assert.Equal("sharedPerson", seen.GetProperty("reasons")[0].GetProperty("factor").GetString());
        // The facts that matched, not the rest of its record.
        Assert.DoesNotContain("Eastley", seen.GetRawText());
        Assert.DoesNotContain("Tolland", seen.GetRawText());
        var westPage = await PageSession.SignedInAsync(app, "officer.west@demo.local");
        var page = await westPage.GetStringAsync($"/cases/{ofWest.Id()}/linkage");
        Assert.Contains("a case of team east", page);
        Assert.Contains("Sam Supervisor", page);
        Assert.Contains("mailto:officer@demo.local", page);
        Assert.DoesNotContain("Eastley", page);

        // Both teams' supervisors are told.
        var told = app.WithDb(db => db.Outbox.Where(m => m.Kind == "linkage" && m.Recipient == "supervisor")
            .Select(m => new { m.CaseId, m.Team }).ToList());
        Assert.Contains(told, m => m.CaseId == Guid.Parse(ofEast.Id()) && m.Team == "east");
        Assert.Contains(told, m => m.CaseId == Guid.Parse(ofWest.Id()) && m.Team == "west");

        // Each side sees the other's decision.
        await east.DisposeAsync(ofEast.Id(), ofWest.Id(), "linked", "Same associate's number in both.").OkAsync();
        var theirs = (await west.LinkageAsync(ofWest.Id())).CandidateFor(ofEast.Id())!.Value.GetProperty("theirDisposition");
        Assert.Equal("linked", theirs.GetProperty("decision").GetString());
        Assert.Equal("Olivia Officer", theirs.GetProperty("by").GetProperty("displayName").GetString());
        await west.DisposeAsync(ofWest.Id(), ofEast.Id(), "not-linked", "Mark is a common contact of the hostel.").OkAsync();
        var mine = (await east.LinkageAsync(ofEast.Id())).CandidateFor(ofWest.Id())!.Value.GetProperty("theirDisposition");
        Assert.Equal("not-linked", mine.GetProperty("decision").GetString());
        var eastPage = await PageSession.SignedInAsync(app, "officer@demo.local");
        Assert.Contains("a case of team west", await eastPage.GetStringAsync($"/cases/{ofEast.Id()}/linkage"));
    }

    [Fact]
    public async Task LinkageEmailsLinkToTheCasesLinkagePageAndNameNobody()
    {
        var officer = await app.OfficerAsync();
        var place = LinkageCases.NewPlace();
        var a = await officer.CreateCaseAsync(LinkageCases.Death(place, "2013-01-05T04:05:00Z", "Quentin Ashdown", persons: []));
        await officer.LoggedAsync(a.Id(), Friend("Lee Friendly", "He had been seeing Rufus Penhallow.", [Associate("Rufus Penhallow", "07700 900465")]));
        var b = await officer.CreateCaseAsync(LinkageCases.Death(place, "2013-02-05T04:05:00Z", "Basil Fairweather", northMetres: 90_000,
            substances: ["heroin"], persons: [Associate("Rufus Penhallow", "+447700900465")]));
        await officer.DisposeAsync(b.Id(), a.Id(), "linked", "The same man in both.").OkAsync();

        var mail = app.WithDb(db => db.Outbox.Where(m => m.Kind == "linkage" && (m.CaseId == Guid.Parse(a.Id()) || m.CaseId == Guid.Parse(b.Id()))).ToList());
        Assert.Contains(mail, m => m.CaseId == Guid.Parse(a.Id()) && m.Recipient == "officer");
        Assert.Contains(mail, m => m.CaseId == Guid.Parse(b.Id()) && m.Recipient == "inspector");
        Assert.All(mail, m =>
        {
            Assert.Contains($"/cases/{m.CaseId}/linkage", m.TextBody);
            Assert.DoesNotContain("/api/", m.TextBody + m.HtmlBody);
            foreach (var name in new[] { "Quentin", "Ashdown", "Basil", "Fairweather", "Rufus", "Penhallow", "Friendly" })
                Assert.DoesNotContain(name, m.Subject + m.TextBody + m.HtmlBody);
        });
    }

    [Fact]
    public async Task APersonCheckedInTheIntelligenceChecksReachesTheDeathThatHasHim()
    {
        var officer = await app.OfficerAsync();
        var place = LinkageCases.NewPlace();
        var earlier = await officer.CreateCaseAsync(LinkageCases.Death(place, "2013-04-01T04:05:00Z", "Frank Hale", persons: []));
        var later = await officer.CreateCaseAsync(LinkageCases.Death(place, "2018-06-01T05:00:00Z", "Gary Holt", northMetres: 120_000,
            substances: ["alcohol"], persons: [Associate("Stefan Olsen", "+44 7700 900467")]));
        await officer.CompleteAsync(earlier.Id(), "initial-report", ProcedureWalk.Answers("initial-report")).OkAsync();
        Assert.Empty((await officer.LinkageAsync(earlier.Id())).Candidates());

        // Late: the intelligence checks list him among the persons checked, written as officers write them.
        await officer.CompleteAsync(earlier.Id(), "intelligence-checks", new
        {
            fields = new Dictionary<string, object>
            {
                ["personsChecked"] = new[] { "Anonymous caller", "stefan olsen, 07700 900467" },
                ["systemsSearched"] = new[] { "PNC" }, ["results"] = "One caution for possession in 2012.",
            },
        }).OkAsync();

        var hit = Assert.Single((await officer.LinkageAsync(earlier.Id())).Candidates());
        Assert.Equal(later.Id(), hit.GetProperty("caseId").GetString());
        Assert.StartsWith("S. O...: persons checked in ", hit.GetProperty("reasons")[0].GetProperty("detail").GetString());
        Assert.Contains("(same name and phone number)", hit.GetProperty("reasons")[0].GetProperty("detail").GetString());
        Assert.NotNull((await officer.LinkageAsync(later.Id())).CandidateFor(earlier.Id()));
    }

    /// <summary>
    /// A re-check over identifiers runs beside other changes (it takes turns only with runs over the
    /// same values), so the race it must not lose is forced here: every write of identifiers is held
    /// open for a second, long enough for the other change to search before either commits.
    /// </summary>
    [Fact]
    public async Task TheSameManNamedOnTwoCasesAtTheSameMomentLinksThemBothWays()
    {
        var officer = await app.OfficerAsync();
        var officer2 = await app.Officer2Async();
        var place = LinkageCases.NewPlace();
        var a = await officer.CreateCaseAsync(LinkageCases.Death(place, "2011-01-05T04:05:00Z", "Alan Rowe", persons: []));
        var b = await officer2.CreateCaseAsync(LinkageCases.Death(place, "2016-05-01T05:00:00Z", "Bill Ryder", northMetres: 180_000,
            substances: ["heroin"], persons: []));
        var c = await officer.CreateCaseAsync(LinkageCases.Death(place, "2018-09-01T05:00:00Z", "Colin Rudd", northMetres: -180_000,
            substances: ["alcohol"], persons: []));
        Assert.Empty((await officer.LinkageAsync(a.Id())).Candidates());

        await app.ExecuteAsync("""
            CREATE FUNCTION test_hold_identifiers() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN PERFORM pg_sleep(1); RETURN NULL; END';
            CREATE TRIGGER test_hold_identifiers AFTER INSERT ON linkage_identifiers FOR EACH STATEMENT EXECUTE FUNCTION test_hold_identifiers();
            """);
        try
        {
            // Two friends' calls about the same man, logged on two cases at once; and a new death naming him as they are.
            var logged = await Task.WhenAll(
                officer.LogAsync(a.Id(), Friend("Ann Cole", "Her son met Owen Pryce the night he died.", [Associate("Owen Pryce", "07700 900466")])),
                officer2.LogAsync(b.Id(), Friend("Bob Dale", "Owen Pryce was at the flat.", [Associate("Owen Pryce", "+44 7700 900466")])),
                officer.PostAsJsonAsync("/api/cases", LinkageCases.Death(place, "2020-03-01T05:00:00Z", "Dan Rees", northMetres: 90_000,
                    substances: ["cocaine"], persons: [Associate("Owen Pryce", "0044 7700 900466")])));
            Assert.All(logged, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
            var d = JsonDocument.Parse(await logged[2].Content.ReadAsStringAsync()).RootElement;

            // Whichever searched first, each of the three has the other two as candidates.
            foreach (var (one, other) in new[] { (a, b), (a, d), (b, d) })
            {
                Assert.NotNull((await officer.LinkageAsync(one.Id())).CandidateFor(other.Id()));
                Assert.NotNull((await officer.LinkageAsync(other.Id())).CandidateFor(one.Id()));
            }
            Assert.Null((await officer.LinkageAsync(c.Id())).CandidateFor(a.Id()));
        }
        finally
        {
            await app.ExecuteAsync("DROP TRIGGER test_hold_identifiers ON linkage_identifiers; DROP FUNCTION test_hold_identifiers();");
        }
    }

    private static string Ref(JsonElement c) => c.GetProperty("reference").GetString()!;
}
